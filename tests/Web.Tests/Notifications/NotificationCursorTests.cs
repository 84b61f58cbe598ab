using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Persistence.Providers.Sqlite;

namespace Strata.Web.Tests.Notifications;

/// <summary>The follower's cursor is stored: a restart neither repeats notifications nor loses events written while down.</summary>
public sealed class NotificationCursorTests : NotificationScenario
{
    [Fact]
    public async Task A_restart_delivers_what_happened_while_down_once_and_repeats_nothing()
    {
        await WriteEventAsync("CommentAdded", Report, AliceId, new() { ["commentId"] = "1", ["threadId"] = "1", ["mentions"] = BobId });
        await WaitForAsync(Bob, "mention", Report);
        var reportId = await NodeIdAsync(Report);
        Bob.Dispose();
        var restarted = App.Restart();
        App.Dispose();

        // Written while no host runs, straight into the database.
        await WriteOfflineAsync(restarted.DataPath, reportId, new() { ["taskId"] = "1", ["assignees"] = BobId, ["creator"] = AliceId });
        using (restarted)
        {
            using var bob = await restarted.CreateUserClientAsync("bob@strata.test");

            // The task comes after the mention in the journal: once it is here, a repeated mention would be too.
            await WaitForAsync(bob, "taskAssigned", Report);

            (await AboutAsync(bob, Report)).Select(n => n.GetProperty("kind").GetString()).Order().ShouldBe(["mention", "taskAssigned"]);
        }
    }

    private async Task WriteOfflineAsync(string dataPath, long nodeId, Dictionary<string, string> details)
    {
        var options = new DbContextOptionsBuilder<SqliteStrataDbContext>()
            .UseSqlite($"Data Source={Path.Combine(dataPath, "strata.db")};Pooling=False")
            .Options;
        await using var db = new SqliteStrataDbContext(options);
        db.Journal.Add(new JournalEvent
        {
            Type = "TaskCreated",
            NodeId = nodeId,
            Path = Report,
            PathKey = NodePath.Parse(Report).Key,
            ActorId = AliceId,
            At = DateTimeOffset.UtcNow,
            Details = JsonSerializer.Serialize(details),
        });
        await db.SaveChangesAsync(Ct);
    }
}
