using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Strata.Web.Live;
using Strata.Web.Tests.Dav;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;
using Strata.Web.Tests.Uploads;

namespace Strata.Web.Tests.Live;

public sealed class FolderEventsHubTests : TeamScenario
{
    [Fact]
    public async Task A_change_in_an_open_folder_arrives_live()
    {
        await using var viewer = await ConnectAsync("bob@strata.test");
        await viewer.Connection.InvokeAsync<FolderJoin>("JoinFolder", "/Shared/Team", null, Ct);

        (await Alice.PutTextAsync("/Shared/Team/build.log", "ok")).EnsureSuccessStatusCode();

        var change = await viewer.NextAsync();
        change.Type.ShouldBe("FileCreated");
        change.Path.ShouldBe("/Shared/Team/build.log");
    }

    [Fact]
    public async Task Changes_in_other_folders_are_not_sent()
    {
        await Alice.MkdirAsync("/Shared/Team/a");
        await using var viewer = await ConnectAsync("bob@strata.test");
        await viewer.Connection.InvokeAsync<FolderJoin>("JoinFolder", "/Shared/Team/a", null, Ct);

        await Alice.MkdirAsync("/Shared/Team/b");
        await Alice.MkdirAsync("/Shared/Team/a/inside");

        var change = await viewer.NextAsync();
        change.Path.ShouldBe("/Shared/Team/a/inside");
    }

    [Fact]
    public async Task An_upload_through_a_link_arrives_as_FileCreated_while_the_links_own_events_stay_off_the_feed()
    {
        await Alice.MkdirAsync("/Private/alice/inbox");
        using var created = await Alice.PostAsJsonAsync(new Uri("/api/v1/links", UriKind.Relative), new { path = "/Private/alice/inbox", kind = "upload" }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        await using var owner = await ConnectAsync("alice@strata.test");
        await owner.Connection.InvokeAsync<FolderJoin>("JoinFolder", "/Private/alice/inbox", null, Ct);
        using var visitor = App.CreateAnonymousClient();

        (await visitor.SendAsLinkVisitorAsync(TusClient.LinkCreation("dropped.txt", 2, "hi"u8.ToArray(), ("email", "jane@client.com")), token)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Alice.MkdirAsync("/Private/alice/inbox/after");

        var upload = await owner.NextAsync();
        upload.Type.ShouldBe("FileCreated");
        upload.Path.ShouldBe("/Private/alice/inbox/dropped.txt");
        (await owner.NextAsync()).Type.ShouldBe("FolderCreated");
    }

    [Fact]
    public async Task A_webdav_lock_and_its_release_arrive_live_with_the_file()
    {
        (await Alice.PutTextAsync("/Shared/Team/report.docx", "v1")).EnsureSuccessStatusCode();
        await using var viewer = await ConnectAsync("bob@strata.test");
        await viewer.Connection.InvokeAsync<FolderJoin>("JoinFolder", "/Shared/Team", null, Ct);

        var token = await Alice.LockAsync("/Shared/Team/report.docx");
        var locked = await viewer.NextAfterAsync("FileCreated");
        using (var unlock = await Alice.SendAsync("UNLOCK", "/Shared/Team/report.docx", null, ("Lock-Token", $"<{token}>")))
        {
            unlock.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        var released = await viewer.NextAsync();

        (locked.Type, locked.Path, locked.IsFolder).ShouldBe(("Locked", "/Shared/Team/report.docx", false));
        locked.NodeId.ShouldNotBeNull();
        (released.Type, released.Path, released.NodeId).ShouldBe(("Unlocked", "/Shared/Team/report.docx", locked.NodeId));
    }

    [Fact]
    public async Task A_lock_on_a_folder_reaches_the_viewers_of_the_folder_itself_and_of_its_parent()
    {
        await Alice.MkdirAsync("/Shared/Team/Specs");
        await using var inside = await ConnectAsync("bob@strata.test");
        await inside.Connection.InvokeAsync<FolderJoin>("JoinFolder", "/Shared/Team/Specs", null, Ct);
        await using var above = await ConnectAsync("bob@strata.test");
        await above.Connection.InvokeAsync<FolderJoin>("JoinFolder", "/Shared/Team", null, Ct);

        await Alice.LockAsync("/Shared/Team/Specs", depth: "infinity");

        foreach (var viewer in new[] { inside, above })
        {
            var change = await viewer.NextAfterAsync("FolderCreated");
            (change.Type, change.Path, change.IsFolder).ShouldBe(("Locked", "/Shared/Team/Specs", true));
        }
    }

    [Fact]
    public async Task Another_users_private_folder_cannot_be_joined()
    {
        await using var bob = await ConnectAsync("bob@strata.test");

        var error = await Should.ThrowAsync<HubException>(() => bob.Connection.InvokeAsync<FolderJoin>("JoinFolder", "/Private/alice", null, Ct));

        error.Message.ShouldContain("No folder");
    }

    [Fact]
    public async Task Reconnecting_with_a_cursor_replays_missed_events_once_then_continues_live()
    {
        long cursor;
        await using (var first = await ConnectAsync("alice@strata.test"))
        {
            cursor = (await first.Connection.InvokeAsync<FolderJoin>("JoinFolder", "/Private/alice", null, Ct)).Cursor;
        }

        await Alice.MkdirAsync("/Private/alice/one");
        await Alice.MkdirAsync("/Private/alice/two");
        await WaitForPublishAsync();

        await using var second = await ConnectAsync("alice@strata.test");
        var join = await second.Connection.InvokeAsync<FolderJoin>("JoinFolder", "/Private/alice", cursor, Ct);
        await Alice.MkdirAsync("/Private/alice/three");
        var live = await second.NextAsync();

        join.Reset.ShouldBeFalse();
        join.Events.Select(e => e.Path).ShouldBe(["/Private/alice/one", "/Private/alice/two"]);
        live.Path.ShouldBe("/Private/alice/three");
        live.Sequence.ShouldBeGreaterThan(join.Cursor);
        join.Events.ShouldAllBe(e => e.Sequence <= join.Cursor);
    }

    [Fact]
    public async Task A_move_from_a_private_space_does_not_reveal_its_origin()
    {
        (await Alice.PutTextAsync("/Private/alice/draft.txt", "d")).EnsureSuccessStatusCode();
        await using var bob = await ConnectAsync("bob@strata.test");
        await bob.Connection.InvokeAsync<FolderJoin>("JoinFolder", "/Shared/Team", null, Ct);

        (await Alice.ActAsync("/Private/alice/draft.txt", new { action = "move", destination = "/Shared/Team/draft.txt" })).EnsureSuccessStatusCode();

        var change = await bob.NextAsync();
        change.Type.ShouldBe("Moved");
        change.Path.ShouldBe("/Shared/Team/draft.txt");
        change.OldPath.ShouldBeNull();
    }

    [Fact]
    public async Task A_viewer_of_a_folder_hears_nothing_of_the_items_in_it_hidden_from_them()
    {
        await Alice.MkdirAsync("/Private/alice/Project");
        await Alice.GrantUserAsync("/Private/alice/Project", "bob", "Viewer");
        await using var bob = await ConnectAsync("bob@strata.test");
        await bob.Connection.InvokeAsync<FolderJoin>("JoinFolder", "/Private/alice", null, Ct);
        await bob.Connection.InvokeAsync<FolderJoin>("JoinFolder", "/Private/alice/Project", null, Ct);

        (await Alice.PutTextAsync("/Private/alice/salary.xlsx", "secret")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync("/Private/alice/Project/plan.txt", "shared")).EnsureSuccessStatusCode();

        // Project's own creation may still be on its way (bob may see that); the secret never comes before the plan.
        var next = await bob.NextAsync();
        while (next.Path == "/Private/alice/Project")
        {
            next = await bob.NextAsync();
        }

        next.Path.ShouldBe("/Private/alice/Project/plan.txt");
    }

    [Fact]
    public async Task A_connected_client_hears_nothing_while_LiveUpdates_is_off_and_hears_again_once_it_is_on()
    {
        using var admin = await App.CreateAdminClientAsync();
        await using var viewer = await ConnectAsync("bob@strata.test");
        await viewer.Connection.InvokeAsync<FolderJoin>("JoinFolder", "/Shared/Team", null, Ct);

        await SetLiveUpdatesAsync(admin, enabled: false);
        (await Alice.PutTextAsync("/Shared/Team/while-off.txt", "x")).EnsureSuccessStatusCode();
        await WaitForPublishAsync();
        await SetLiveUpdatesAsync(admin, enabled: true);
        (await Alice.PutTextAsync("/Shared/Team/back-on.txt", "y")).EnsureSuccessStatusCode();

        (await viewer.NextAsync()).Path.ShouldBe("/Shared/Team/back-on.txt");
    }

    [Fact]
    public async Task Anonymous_clients_are_refused()
    {
        using var anonymous = App.CreateAnonymousClient();

        using var response = await anonymous.PostAsync(new Uri(LiveRegistration.HubPath + "/negotiate?negotiateVersion=1", UriKind.Relative), null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task SetLiveUpdatesAsync(HttpClient admin, bool enabled) =>
        (await admin.PutAsJsonAsync(new Uri("/api/v1/admin/flags/LiveUpdates", UriKind.Relative), new { enabled, rolloutPercentage = enabled ? 100 : 0 }, Ct)).EnsureSuccessStatusCode();

    /// <summary>Lets the broadcaster catch up so the events are in the backlog rather than in flight.</summary>
    private static Task WaitForPublishAsync() => Task.Delay(TimeSpan.FromMilliseconds(600), Ct);

    private Task<LiveViewer> ConnectAsync(string email) => LiveViewer.ConnectAsync(App, email);
}
