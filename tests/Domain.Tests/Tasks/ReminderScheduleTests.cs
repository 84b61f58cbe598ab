using Strata.Domain.Tasks;

namespace Strata.Domain.Tests.Tasks;

public sealed class ReminderScheduleTests
{
    private const string Berlin = "Europe/Berlin";

    private static TaskDue Due(int year, int month, int day, int hour, string zone = Berlin)
    {
        TaskDue.TryCreate(new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Unspecified), zone, out var due, out var error).ShouldBeTrue(error);
        return due;
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_day_before_at_the_due_time_and_daily_for_fourteen_days_overdue()
    {
        var due = Due(2027, 6, 10, 17); // CEST: 15:00 UTC

        var all = ReminderSchedule.All(due).ToList();

        all.Count.ShouldBe(16);
        all[0].ShouldBe(new Reminder(Utc(2027, 6, 9, 15), ReminderKind.Before));
        all[1].ShouldBe(new Reminder(Utc(2027, 6, 10, 15), ReminderKind.Due));
        all[2].ShouldBe(new Reminder(Utc(2027, 6, 11, 15), ReminderKind.Overdue));
        all[^1].ShouldBe(new Reminder(Utc(2027, 6, 24, 15), ReminderKind.Overdue));
    }

    [Fact]
    public void Across_the_spring_change_a_day_before_is_23_hours_before()
    {
        // Clocks go forward on Sunday 28 March 2027 at 02:00 in Berlin.
        var due = Due(2027, 3, 28, 9);

        var all = ReminderSchedule.All(due).ToList();

        due.Utc.ShouldBe(Utc(2027, 3, 28, 7));
        all[0].At.ShouldBe(Utc(2027, 3, 27, 8)); // 09:00 CET on Saturday
        (all[1].At - all[0].At).ShouldBe(TimeSpan.FromHours(23));
        all[2].At.ShouldBe(Utc(2027, 3, 29, 7)); // 09:00 CEST on Monday
    }

    [Fact]
    public void Across_the_autumn_change_daily_overdue_reminders_keep_the_wall_clock_time()
    {
        // Clocks go back on Sunday 31 October 2027 at 03:00 in Berlin.
        var due = Due(2027, 10, 30, 9);

        var all = ReminderSchedule.All(due).ToList();

        all[1].At.ShouldBe(Utc(2027, 10, 30, 7)); // 09:00 CEST
        all[2].At.ShouldBe(Utc(2027, 10, 31, 8)); // 09:00 CET
        (all[2].At - all[1].At).ShouldBe(TimeSpan.FromHours(25));
        (all[3].At - all[2].At).ShouldBe(TimeSpan.FromHours(24));
    }

    [Fact]
    public void A_reminder_time_the_clock_skips_moves_forward_by_the_gap()
    {
        // Due at 02:30 on Monday; a day before is 02:30 on the spring-forward night, which does not exist: 03:30 CEST.
        var due = Due(2027, 3, 29, 2).Local.AddMinutes(30);
        TaskDue.TryCreate(due, Berlin, out var task, out _).ShouldBeTrue();

        ReminderSchedule.All(task).First().At.ShouldBe(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Next_and_latest_walk_the_schedule()
    {
        var due = Due(2027, 6, 10, 17);

        ReminderSchedule.Next(due, Utc(2027, 6, 1, 0)).ShouldBe(new Reminder(Utc(2027, 6, 9, 15), ReminderKind.Before));
        ReminderSchedule.Next(due, Utc(2027, 6, 9, 15)).ShouldBe(new Reminder(Utc(2027, 6, 10, 15), ReminderKind.Due));
        ReminderSchedule.Latest(due, Utc(2027, 6, 9, 14)).ShouldBeNull();
        ReminderSchedule.Latest(due, Utc(2027, 6, 12, 16)).ShouldBe(new Reminder(Utc(2027, 6, 12, 15), ReminderKind.Overdue));
        ReminderSchedule.Next(due, Utc(2027, 6, 24, 15)).ShouldBeNull();
    }
}
