using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Access;
using Strata.Domain.Tasks;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;
using Strata.Infrastructure.Tasks;
using Strata.Workers.Tasks;

namespace Strata.Workers.Tests.Tasks;

public sealed class TaskReminderJobTests : WorkersScenario
{
    private const string Item = "/Shared/Docs/installer.txt";
    private const string Berlin = "Europe/Berlin";
    private static readonly Caller Bob = new("bob-id", "bob", IsAdmin: false);

    [Fact]
    public async Task Reminders_follow_a_changed_due_date_and_berlin_wall_clock_across_the_spring_change()
    {
        await SetUpAsync();
        var id = await CreateAsync(Due(2027, 3, 27, 9)); // Saturday 09:00 CET = 08:00 UTC: "before" on Friday 08:00 UTC
        At(2027, 3, 26, 7, 59);
        (await RunJobAsync()).ShouldBe(0);

        // Moved to Sunday 28 March, the day the clocks go forward: 09:00 CEST = 07:00 UTC, "before" Saturday 09:00 CET = 08:00 UTC.
        await ChangeDueAsync(id, Due(2027, 3, 28, 9));
        At(2027, 3, 26, 8, 0, 30);
        (await RunJobAsync()).ShouldBe(0);

        At(2027, 3, 27, 8, 0, 30);
        (await RunJobAsync()).ShouldBe(1);
        (await RunJobAsync()).ShouldBe(0);
        At(2027, 3, 28, 7, 0, 30);
        (await RunJobAsync()).ShouldBe(1);
        At(2027, 3, 29, 7, 0, 30);
        (await RunJobAsync()).ShouldBe(1);

        var reminders = await RemindersAsync();
        reminders.Select(r => (r.At, r.Reminder)).ShouldBe(
        [
            (Utc(2027, 3, 27, 8, 0, 30), "before"),
            (Utc(2027, 3, 28, 7, 0, 30), "due"),
            (Utc(2027, 3, 29, 7, 0, 30), "overdue"),
        ]);
        reminders.ShouldAllBe(r => r.Assignees == Bob.UserId && r.TaskId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && r.Kind == "Review");
    }

    [Fact]
    public async Task Overdue_reminders_stop_after_fourteen_days_and_when_the_task_is_answered()
    {
        await SetUpAsync();
        var answered = await CreateAsync(Due(2027, 10, 30, 9));
        var ignored = await CreateAsync(Due(2027, 10, 30, 9));

        // Daily at 09:00 Berlin time: 07:00 UTC before the autumn change, 08:00 UTC after it.
        At(2027, 10, 31, 8, 0, 30);
        (await RunJobAsync()).ShouldBe(2);
        await RespondAsync(answered);
        for (var day = 1; day <= 20; day++)
        {
            At(2027, 10, 31, 8, 0, 30, addDays: day);
            await RunJobAsync();
        }

        var reminders = await RemindersAsync();
        reminders.Count(r => r.TaskId == answered.ToString(System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(1);
        var late = reminders.Where(r => r.TaskId == ignored.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        late.Count.ShouldBe(ReminderSchedule.OverdueDays);
        late[^1].At.ShouldBe(Utc(2027, 11, 13, 8, 0, 30));
        (await NextReminderAsync(ignored)).ShouldBeNull();
    }

    [Fact]
    public async Task Nothing_is_written_while_the_tasks_flag_is_off()
    {
        await SetUpAsync();
        await CreateAsync(Due(2027, 6, 10, 17));
        await Host.SetFlagAsync(FlagNames.Tasks, enabled: false);

        At(2027, 6, 10, 15, 0, 30);
        (await RunJobAsync()).ShouldBe(0);

        await Host.SetFlagAsync(FlagNames.Tasks, enabled: true);
        (await RunJobAsync()).ShouldBe(1);
        (await RemindersAsync()).Single().Reminder.ShouldBe("due");
    }

    private static TaskDue Due(int year, int month, int day, int hour)
    {
        TaskDue.TryCreate(new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Unspecified), Berlin, out var due, out var error).ShouldBeTrue(error);
        return due;
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second) => new(year, month, day, hour, minute, second, TimeSpan.Zero);

    private void At(int year, int month, int day, int hour, int minute, int second = 0, int addDays = 0) =>
        Host.Clock.SetUtcNow(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddDays(addDays));

    private async Task SetUpAsync()
    {
        await Host.RunAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct);
            db.Users.Add(new StrataUser { Id = Bob.UserId, UserName = Bob.UserName, NormalizedUserName = "BOB", Email = "bob@strata.test", NormalizedEmail = "BOB@STRATA.TEST" });
            return await db.SaveChangesAsync(Ct);
        });
        await Host.RunAsync(sp => sp.GetRequiredService<Strata.Infrastructure.Files.FileService>().CreateFolderAsync(WorkersHost.Admin, Strata.Domain.Files.NodePath.Parse("/Shared/Docs"), Ct));
        await Host.WriteAsync(Item, "v1"u8.ToArray(), Ct);
    }

    private async Task<long> CreateAsync(TaskDue due)
    {
        var result = await Host.RunAsync(sp => sp.GetRequiredService<TaskService>().CreateAsync(
            WorkersHost.Admin, new NewTask(Item, TaskKind.Review, "Review the installer", null, [new PrincipalName(PrincipalKind.User, "bob")], TaskCompletion.Any, due), Ct));
        result.Succeeded.ShouldBeTrue(result.Detail);
        return result.Value.Id;
    }

    private async Task ChangeDueAsync(long id, TaskDue due)
    {
        var result = await Host.RunAsync(sp => sp.GetRequiredService<TaskService>().ChangeAsync(WorkersHost.Admin, id, new TaskChange(Due: due), Ct));
        result.Succeeded.ShouldBeTrue(result.Detail);
    }

    private async Task RespondAsync(long id)
    {
        var result = await Host.RunAsync(sp => sp.GetRequiredService<TaskService>().RespondAsync(Bob, id, TaskOutcome.Done, "looks fine", Ct));
        result.Succeeded.ShouldBeTrue(result.Detail);
    }

    private Task<int> RunJobAsync() => Host.RunAsync(sp => sp.GetRequiredService<TaskReminderJob>().ExecuteAsync(Ct));

    private Task<DateTimeOffset?> NextReminderAsync(long id) =>
        Host.RunAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct);
            return await db.Tasks.Where(t => t.Id == id).Select(t => t.NextReminderAt).SingleAsync(Ct);
        });

    private Task<List<ReminderEvent>> RemindersAsync() =>
        Host.RunAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct);
            var events = await db.Journal.Where(e => e.Type == "TaskDue").OrderBy(e => e.Sequence).ToListAsync(Ct);
            return events.Select(e =>
            {
                var details = JsonSerializer.Deserialize<Dictionary<string, string>>(e.Details!)!;
                return new ReminderEvent(e.At, details["reminder"], details["assignees"], details["taskId"], details["kind"]);
            }).ToList();
        });

    private sealed record ReminderEvent(DateTimeOffset At, string Reminder, string Assignees, string TaskId, string Kind);
}
