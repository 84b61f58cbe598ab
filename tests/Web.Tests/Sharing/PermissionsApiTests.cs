using System.Net;
using System.Text.Json;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Sharing;

public sealed class PermissionsApiTests : TeamScenario
{
    private HttpClient Admin { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = await App.CreateAdminClientAsync();
    }

    public override ValueTask DisposeAsync()
    {
        Admin.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task A_folder_with_grants_disappears_for_everyone_else_and_open_folders_stay_open()
    {
        await Admin.MkdirAsync("/Shared/Board");
        await Admin.GrantUserAsync("/Shared/Board", "alice", "Viewer");

        (await Bob.ListNamesAsync("/Shared")).ShouldBe(["Team"]);
        (await Alice.ListNamesAsync("/Shared")).ShouldBe(["Board", "Team"], ignoreOrder: true);
        (await Bob.GetAsync(FsClient.Fs("/Shared/Board"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.PutTextAsync("/Shared/Team/open.txt", "still open")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Grants_inherit_and_explicit_none_hides_a_sub_folder_from_that_group()
    {
        var sales = await Admin.CreateGroupAsync("Sales");
        await Admin.AddMemberAsync(sales, Bob);
        await Admin.MkdirAsync("/Shared/Deals");
        await Admin.MkdirAsync("/Shared/Deals/2026");
        await Admin.MkdirAsync("/Shared/Deals/secret");
        (await Admin.PutTextAsync("/Shared/Deals/secret/terms.txt", "x")).EnsureSuccessStatusCode();
        await Admin.GrantGroupAsync("/Shared/Deals", "Sales", "Editor");

        await Admin.GrantGroupAsync("/Shared/Deals/secret", "Sales", "None");

        (await Bob.PutTextAsync("/Shared/Deals/2026/q1.txt", "inherited")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Bob.ListNamesAsync("/Shared/Deals")).ShouldBe(["2026"]);
        (await Bob.GetAsync(FsClient.Content("/Shared/Deals/secret/terms.txt"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.PutTextAsync("/Shared/Deals/secret/new.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_direct_grant_still_counts_where_the_group_is_cut_off()
    {
        var sales = await Admin.CreateGroupAsync("Sales");
        await Admin.AddMemberAsync(sales, Bob);
        await Admin.MkdirAsync("/Shared/Deals");
        await Admin.MkdirAsync("/Shared/Deals/secret");
        await Admin.GrantGroupAsync("/Shared/Deals", "Sales", "Full");
        await Admin.GrantGroupAsync("/Shared/Deals/secret", "Sales", "None");

        await Admin.GrantUserAsync("/Shared/Deals/secret", "bob", "Viewer");

        (await Bob.GetAsync(FsClient.Fs("/Shared/Deals/secret"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Bob.PutTextAsync("/Shared/Deals/secret/x.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Membership_changes_take_effect_at_once()
    {
        var sales = await Admin.CreateGroupAsync("Sales");
        await Admin.MkdirAsync("/Shared/Deals");
        await Admin.GrantGroupAsync("/Shared/Deals", "Sales", "Viewer");
        await Admin.GrantUserAsync("/Shared/Deals", "alice", "Viewer");
        (await Bob.GetAsync(FsClient.Fs("/Shared/Deals"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await Admin.AddMemberAsync(sales, Bob);

        (await Bob.GetAsync(FsClient.Fs("/Shared/Deals"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Admin.DeleteAsync(new Uri($"/api/v1/admin/groups/{sales}", UriKind.Relative), Ct)).EnsureSuccessStatusCode();
        (await Bob.GetAsync(FsClient.Fs("/Shared/Deals"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_folder_whose_last_grant_is_removed_is_open_again()
    {
        await Admin.MkdirAsync("/Shared/Deals");
        await Admin.GrantUserAsync("/Shared/Deals", "alice", "Viewer");
        (await Bob.GetAsync(FsClient.Fs("/Shared/Deals"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await Admin.DeleteAsync(new Uri("/api/v1/permissions/Shared/Deals?user=alice", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await Bob.GetAsync(FsClient.Fs("/Shared/Deals"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Grant_list_shows_own_and_inherited_grants()
    {
        await Admin.MkdirAsync("/Shared/Deals");
        await Admin.MkdirAsync("/Shared/Deals/2026");
        await Admin.GrantUserAsync("/Shared/Deals", "alice", "Owner");
        await Alice.GrantUserAsync("/Shared/Deals/2026", "bob", "Editor");

        var grants = (await Alice.GetJsonAsync(SharingClient.Permissions("/Shared/Deals/2026"))).EnumerateArray().ToList();

        grants.Select(g => (Name(g, "name"), Name(g, "level"), Name(g, "inheritedFrom"))).ShouldBe([("alice", "Owner", "/Shared/Deals"), ("bob", "Editor", null)]);
    }

    [Fact]
    public async Task Bad_grant_requests_are_rejected()
    {
        await Admin.MkdirAsync("/Shared/Deals");
        (await Admin.PutTextAsync("/Shared/Deals/file.txt", "x")).EnsureSuccessStatusCode();

        (await Admin.GrantAsync("/Shared/Deals", "bob", "Sales", "Viewer")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Admin.GrantAsync("/Shared/Deals", "bob", null, "Superuser")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Admin.GrantAsync("/Shared/Deals", "bob", null, "7")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Admin.GrantAsync("/Shared/Deals/file.txt", "bob", null, "Viewer")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Admin.GrantAsync("/Shared/Deals", "nobody", null, "Viewer")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin.GrantAsync("/Shared/Missing", "bob", null, "Viewer")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin.GrantAsync("/Shared", "bob", null, "Viewer")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Admin.GrantAsync("/Shared/Deals/..%5Cx", "bob", null, "Viewer")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_user_shares_a_private_folder_which_appears_under_shared_with_me()
    {
        await Alice.MkdirAsync("/Private/alice/Proj");
        await Alice.MkdirAsync("/Private/alice/Diary");
        (await Alice.PutTextAsync("/Private/alice/Proj/plan.txt", "plan")).EnsureSuccessStatusCode();

        await Alice.GrantUserAsync("/Private/alice/Proj", "bob", "Viewer");

        (await Bob.GetTextAsync("/Private/alice/Proj/plan.txt")).ShouldBe("plan");
        (await Bob.ListNamesAsync("/Private/alice")).ShouldBe(["Proj"]);
        (await Bob.ListNamesAsync("/Private")).ShouldBe(["alice", "bob"], ignoreOrder: true);
        (await Bob.PutTextAsync("/Private/alice/Proj/bob.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Bob.GetAsync(FsClient.Fs("/Private/alice/Diary"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.GrantAsync("/Private/alice/Proj", "bob", null, "Owner")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var shared = (await Bob.GetJsonAsync(new Uri("/api/v1/shared-with-me", UriKind.Relative))).EnumerateArray().Single();
        (Name(shared, "path"), Name(shared, "level")).ShouldBe(("/Private/alice/Proj", "Viewer"));
    }

    [Fact]
    public async Task Revoking_a_grant_hides_the_folder_again()
    {
        await Alice.MkdirAsync("/Private/alice/Proj");
        await Alice.GrantUserAsync("/Private/alice/Proj", "bob", "Editor");
        (await Bob.GetAsync(FsClient.Fs("/Private/alice/Proj"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var revoked = await Alice.DeleteAsync(new Uri("/api/v1/permissions/Private/alice/Proj?user=bob", UriKind.Relative), Ct);

        revoked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Bob.GetAsync(FsClient.Fs("/Private/alice/Proj"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.GetJsonAsync(new Uri("/api/v1/shared-with-me", UriKind.Relative))).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_grant_follows_its_folder_when_renamed()
    {
        await Alice.MkdirAsync("/Private/alice/Proj");
        await Alice.GrantUserAsync("/Private/alice/Proj", "bob", "Viewer");

        (await Alice.ActAsync("/Private/alice/Proj", new { action = "rename", name = "Project" })).EnsureSuccessStatusCode();

        (await Bob.GetAsync(FsClient.Fs("/Private/alice/Project"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Bob.GetAsync(FsClient.Fs("/Private/alice/Proj"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ids_and_paths_of_other_users_items_are_404_never_403()
    {
        await Alice.MkdirAsync("/Private/alice/Secret");
        (await Alice.PutTextAsync("/Private/alice/Secret/a.txt", "x")).EnsureSuccessStatusCode();
        (await Alice.DeleteAsync(FsClient.Fs("/Private/alice/Secret/a.txt"), Ct)).EnsureSuccessStatusCode();
        var trashId = await Alice.TrashIdAsync("/Private/alice/Secret/a.txt");

        (await Bob.PostAsync(new Uri($"/api/v1/trash/{trashId}/restore", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.DeleteAsync(new Uri($"/api/v1/trash/{trashId}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.GetAsync(SharingClient.Permissions("/Private/alice/Secret"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.GrantAsync("/Private/alice/Secret", "bob", null, "Owner")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.DeleteAsync(new Uri("/api/v1/permissions/Private/alice/Secret?user=bob", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin.GetAsync(SharingClient.Permissions("/Private/alice/Secret"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Alice.PostAsync(new Uri($"/api/v1/trash/{trashId}/restore", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Governed_folders_are_left_out_of_trash_and_events_for_outsiders()
    {
        await Admin.MkdirAsync("/Shared/Board");
        await Admin.GrantUserAsync("/Shared/Board", "alice", "Full");
        (await Alice.PutTextAsync("/Shared/Board/minutes.txt", "x")).EnsureSuccessStatusCode();
        (await Alice.DeleteAsync(FsClient.Fs("/Shared/Board/minutes.txt"), Ct)).EnsureSuccessStatusCode();

        var bobTrash = await Bob.GetJsonAsync(new Uri("/api/v1/trash", UriKind.Relative));
        var bobEvents = await Bob.GetJsonAsync(new Uri("/api/v1/events?after=0", UriKind.Relative));

        bobTrash.GetArrayLength().ShouldBe(0);
        bobEvents.ToString().ShouldNotContain("minutes");
        (await Alice.GetJsonAsync(new Uri("/api/v1/trash", UriKind.Relative))).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_trashed_governed_folder_stays_hidden_in_the_trash()
    {
        await Admin.MkdirAsync("/Shared/Team/Board");
        (await Admin.PutTextAsync("/Shared/Team/Board/minutes.txt", "x")).EnsureSuccessStatusCode();
        await Admin.GrantUserAsync("/Shared/Team/Board", "alice", "Full");
        (await Admin.DeleteAsync(FsClient.Fs("/Shared/Team/Board"), Ct)).EnsureSuccessStatusCode();
        var id = await Admin.TrashIdAsync("/Shared/Team/Board");

        var bobTrash = await Bob.GetJsonAsync(new Uri("/api/v1/trash", UriKind.Relative));

        bobTrash.GetArrayLength().ShouldBe(0);
        (await Bob.PostAsync(new Uri($"/api/v1/trash/{id}/restore", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Alice.GetJsonAsync(new Uri("/api/v1/trash", UriKind.Relative))).GetArrayLength().ShouldBe(1);
        (await Alice.PostAsync(new Uri($"/api/v1/trash/{id}/restore", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Bob.GetAsync(FsClient.Fs("/Shared/Team/Board"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string? Name(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
