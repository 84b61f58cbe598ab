using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Journal;
using Strata.Infrastructure.Notifications;
using Strata.Web.Live;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Live;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Journal;

/// <summary>
/// The journal's events are history, their paths as they were: after a governed folder is renamed, trashed, moved or
/// loses a grant, who may read its items' events follows the items (by node), not today's grants at their old paths.
/// Every change is read back through every reader of the journal: the events API, the activity page and the live hub
/// (live and as a backlog, also after an open folder takes the old name).
/// </summary>
public sealed class JournalVisibilityTests : TeamScenario
{
    private const string Vault = "/Shared/Vault";
    private const string Secret = "secret-plan.txt";
    private const string Sentinel = "/Shared/Sentinel";

    private readonly SqlCommandCounter _counter;
    private HttpClient _admin = null!;
    private HttpClient _carol = null!;

    public JournalVisibilityTests() => _counter = SqlCommandCounter.AttachTo(App);

    public static TheoryData<string> Changes => ["rename", "trash", "move out", "move in", "grant removed"];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _admin = await App.CreateAdminClientAsync();
        _carol = await App.CreateUserClientAsync("carol@strata.test");
        (await _admin.MkdirAsync(Vault)).EnsureSuccessStatusCode();
        await _admin.GrantUserAsync(Vault, "alice", "Editor");
        await _admin.GrantUserAsync(Vault, "carol", "Viewer");
        (await Alice.MkdirAsync($"{Vault}/Plans")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync($"{Vault}/Plans/{Secret}", "the plan")).EnsureSuccessStatusCode();
    }

    public override ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _carol.Dispose();
        return base.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Who_never_had_access_reads_nothing_of_a_governed_folder_after_it_changes_and_members_still_do(string change)
    {
        var vaultItems = (await EventsAsync(Alice))
            .Where(e => e.GetProperty("path").GetString()!.StartsWith(Vault, StringComparison.Ordinal))
            .Select(e => e.GetProperty("nodeId").GetInt64())
            .ToHashSet();
        vaultItems.Count.ShouldBe(3);
        var outsiders = change == "grant removed" ? new[] { ("bob", Bob), ("carol", _carol) } : [("bob", Bob)];
        var members = change == "grant removed" ? new[] { ("alice", Alice) } : [("alice", Alice), ("carol", _carol)];
        var live = new Dictionary<string, LiveViewer>();
        foreach (var (name, _) in outsiders.Concat(members))
        {
            live[name] = await LiveViewer.ConnectAsync(App, $"{name}@strata.test");
            await live[name].JoinAsync("/Shared");
        }

        await ChangeAsync(change);
        (await _admin.MkdirAsync(Sentinel)).EnsureSuccessStatusCode();

        foreach (var (name, client) in outsiders)
        {
            (await EventsAsync(client)).Where(e => e.GetProperty("nodeId").ValueKind == JsonValueKind.Number && vaultItems.Contains(e.GetProperty("nodeId").GetInt64())).ShouldBeEmpty(name);
            var activity = await ActivityAsync(client);
            foreach (var word in new[] { "Vault", "Plans", Secret })
            {
                activity.ShouldNotContain(word, Case.Sensitive, name);
            }

            (await live[name].UntilAsync(Sentinel)).ShouldNotContain(e => e.NodeId != null && vaultItems.Contains(e.NodeId.Value), name);
            (await BacklogAsync(name, "/Shared")).ShouldNotContain(e => e.NodeId != null && vaultItems.Contains(e.NodeId.Value), name);
        }

        foreach (var (name, client) in members)
        {
            (await EventsAsync(client)).ShouldContain(e => e.GetProperty("path").GetString() == $"{Vault}/Plans/{Secret}", name);
            (await ActivityAsync(client)).ShouldContain($"added {Secret}", Case.Sensitive, name);
            if (change != "grant removed")
            {
                (await live[name].UntilAsync(Sentinel)).ShouldContain(e => e.NodeId != null && vaultItems.Contains(e.NodeId.Value), name);
            }

            (await BacklogAsync(name, "/Shared")).ShouldContain(e => e.Path == Vault && e.Type == "FolderCreated", name);
        }

        foreach (var viewer in live.Values)
        {
            await viewer.DisposeAsync();
        }

        if (change != "grant removed")
        {
            // An open folder takes the old name: its feed is keyed by path, but the old folder's events are not its own.
            (await _admin.MkdirAsync(Vault)).StatusCode.ShouldBe(HttpStatusCode.Created);
            (await _admin.MkdirAsync($"{Vault}/Plans")).StatusCode.ShouldBe(HttpStatusCode.Created);
            foreach (var (name, _) in outsiders)
            {
                var backlog = (await BacklogAsync(name, Vault)).Concat(await BacklogAsync(name, $"{Vault}/Plans")).ToList();
                backlog.ShouldNotContain(e => e.NodeId != null && vaultItems.Contains(e.NodeId.Value), name);
            }
        }
    }

    /// <summary>
    /// A change of rights commits before its writer retires the cached rights, and another instance's writer never
    /// retires this one's: the feed judges the change's own event with rights at least as new as it. Here the rename is
    /// written past this instance's cache, as another instance would; with the rights cached before it, the renamed
    /// folder would look ungoverned and its event would reach Bob.
    /// </summary>
    [Fact]
    public async Task The_live_feed_judges_a_rename_made_elsewhere_with_the_rights_it_made()
    {
        await using var bob = await LiveViewer.ConnectAsync(App, "bob@strata.test");
        await bob.JoinAsync("/Shared");
        await using var alice = await LiveViewer.ConnectAsync(App, "alice@strata.test");
        await alice.JoinAsync("/Shared");

        var vault = await RenameAsAnotherInstanceAsync(Vault, "/Shared/Vault-2027");
        (await _admin.MkdirAsync(Sentinel)).EnsureSuccessStatusCode();

        (await bob.UntilAsync(Sentinel)).ShouldNotContain(e => e.NodeId == vault);
        (await alice.UntilAsync(Sentinel)).ShouldContain(e => e.NodeId == vault && e.Type == "Renamed");
    }

    /// <summary>Where each event's item is now comes with the page, in its one query, however many items the page names.</summary>
    [Fact]
    public async Task A_page_of_events_costs_one_query_whatever_the_number_of_items()
    {
        for (var i = 0; i < 20; i++)
        {
            (await Alice.PutTextAsync($"{Vault}/Plans/{i}.txt", "x")).EnsureSuccessStatusCode();
        }

        var journal = App.Services.GetRequiredService<JournalReader>();
        var alice = new Caller(await Alice.UserIdAsync(), "alice", IsAdmin: false);
        await NotificationsCaughtUpAsync();
        await journal.ReadAsync(alice, 0, 1000, Ct);

        IReadOnlyList<EventView> page = [];
        var others = await _counter.DuringAsync(async () => page = await journal.ReadAsync(alice, 0, 1000, Ct));

        page.Count.ShouldBeGreaterThan(20);
        _counter.ActJournalCommands.Count.ShouldBe(1);
        others.ShouldBeEmpty();
    }

    /// <summary>
    /// Waits for the notification follower to reach the journal's head: reading the setup's grants, it retires the
    /// cached rights (PermissionService.CatchUp), which would make the read measured reload them.
    /// </summary>
    private async Task NotificationsCaughtUpAsync()
    {
        var dbFactory = App.Services.GetRequiredService<IDbContextFactory<StrataDbContext>>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(Ct);
            var head = await db.Journal.MaxAsync(e => e.Sequence, Ct);
            var cursor = await db.JournalCursors.Where(c => c.Name == NotificationDeriver.CursorName).Select(c => c.Sequence).SingleAsync(Ct);
            if (cursor >= head)
            {
                return;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "the notification follower never caught up with the journal");
            await Task.Delay(50, Ct);
        }
    }

    private async Task ChangeAsync(string change)
    {
        switch (change)
        {
            case "rename":
                (await _admin.ActAsync(Vault, new { action = "rename", name = "Vault-2027" })).EnsureSuccessStatusCode();
                break;
            case "trash":
                (await _admin.DeleteAsync(FsClient.Fs(Vault), Ct)).EnsureSuccessStatusCode();
                break;
            case "move out":
                (await _admin.ActAsync(Vault, new { action = "move", destination = $"{Team}/Vault" })).EnsureSuccessStatusCode();
                break;
            case "move in":
                (await _admin.MkdirAsync("/Shared/Restricted")).EnsureSuccessStatusCode();
                using (var dave = await App.CreateUserClientAsync("dave@strata.test"))
                {
                    await _admin.GrantUserAsync("/Shared/Restricted", "dave", "Full");
                }

                (await _admin.ActAsync(Vault, new { action = "move", destination = "/Shared/Restricted/Vault" })).EnsureSuccessStatusCode();
                break;
            case "grant removed":
                (await _admin.DeleteAsync(SharingClient.Permissions($"{Vault}?user=carol"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    /// <summary>Renames the folder and journals it straight in the database, leaving this instance's cached rights as they were.</summary>
    private async Task<long> RenameAsAnotherInstanceAsync(string from, string to)
    {
        var dbFactory = App.Services.GetRequiredService<IDbContextFactory<StrataDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(Ct);
        var folder = await db.Nodes.SingleAsync(n => n.Path == from && n.TrashedAt == null, Ct);
        folder.SetPath(NodePath.Parse(to));
        var renamed = JournalEvent.About(JournalEventType.Renamed, folder, actor: null, DateTimeOffset.UtcNow);
        renamed.OldPath = from;
        db.Journal.Add(renamed);
        await db.SaveChangesAsync(Ct);
        return folder.Id;
    }

    /// <summary>What a client joining <paramref name="folder"/> from the journal's beginning is replayed.</summary>
    private async Task<IReadOnlyList<FolderEvent>> BacklogAsync(string user, string folder)
    {
        await using var viewer = await LiveViewer.ConnectAsync(App, $"{user}@strata.test");
        var join = await viewer.JoinAsync(folder, after: 0);
        join.Reset.ShouldBeFalse();
        return join.Events;
    }

    private static async Task<List<JsonElement>> EventsAsync(HttpClient client) =>
        (await client.GetJsonAsync(new Uri("/api/v1/events?after=0&limit=1000", UriKind.Relative))).GetProperty("events").EnumerateArray().ToList();

    private static async Task<string> ActivityAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/activity", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
    }
}
