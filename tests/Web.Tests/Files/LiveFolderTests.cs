using System.Net.Http.Json;
using Bunit;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Files;

/// <summary>
/// What reaches an open folder page live: nothing while the LiveUpdates flag is off for its user (the page is fed in
/// process, not through the hub the flag's gate closes), and a change of rights as soon as a grant changes.
/// </summary>
public sealed class LiveFolderTests : IAsyncLifetime
{
    private static readonly TimeSpan LiveUpdate = TimeSpan.FromSeconds(15);

    /// <summary>Well past the feed's polling interval and the page's debounce: a live change would have shown.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private FolderViewContext _context = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        _admin = await _context.App.CreateAdminClientAsync();
        await _context.WriteAsync("/Private/alice/a.txt", "a");
    }

    [Fact]
    public async Task An_open_folder_stands_still_while_LiveUpdates_is_off_and_follows_again_once_it_is_on()
    {
        var page = _context.RenderFolder("Private/alice");

        await SetLiveUpdatesAsync(new { enabled = false, rolloutPercentage = 0 });
        await _context.WriteAsync("/Private/alice/while-off.txt", "b");
        await Task.Delay(Quiet, Ct);
        FolderViewContext.Names(page).ShouldBe(["a.txt"]);

        await SetLiveUpdatesAsync(new { enabled = true, rolloutPercentage = 100 });
        await _context.WriteAsync("/Private/alice/back-on.txt", "c");
        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldBe(["a.txt", "back-on.txt", "while-off.txt"]), LiveUpdate);
    }

    [Fact]
    public async Task LiveUpdates_narrowed_to_other_users_leaves_this_users_open_folder_still_and_narrowed_to_them_not()
    {
        var page = _context.RenderFolder("Private/alice");

        await SetLiveUpdatesAsync(new { enabled = true, users = new[] { "bob" }, rolloutPercentage = 0 });
        await _context.WriteAsync("/Private/alice/not-for-alice.txt", "b");
        await Task.Delay(Quiet, Ct);
        FolderViewContext.Names(page).ShouldBe(["a.txt"]);

        await SetLiveUpdatesAsync(new { enabled = true, users = new[] { "alice" }, rolloutPercentage = 0 });
        await _context.WriteAsync("/Private/alice/for-alice.txt", "c");
        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldBe(["a.txt", "for-alice.txt", "not-for-alice.txt"]), LiveUpdate);
    }

    [Fact]
    public async Task Removing_a_users_Editor_grant_takes_the_write_actions_off_their_open_folder_without_a_reload()
    {
        (await _admin.MkdirAsync("/Shared/Proj")).EnsureSuccessStatusCode();
        (await _admin.PutTextAsync("/Shared/Proj/plan.txt", "plan")).EnsureSuccessStatusCode();
        var readers = await _admin.CreateGroupAsync("Readers");
        using (var response = await _admin.PutAsync(new Uri($"/api/v1/admin/groups/{readers}/members/{_context.Alice.UserId}", UriKind.Relative), null, Ct))
        {
            response.EnsureSuccessStatusCode();
        }

        await _admin.GrantGroupAsync("/Shared/Proj", "Readers", "Viewer");
        await _admin.GrantUserAsync("/Shared/Proj", "alice", "Editor");
        var page = _context.RenderFolder("Shared/Proj");
        page.Find("[data-testid=upload-files]").ShouldNotBeNull();
        page.Find("[data-testid=new-folder]").ShouldNotBeNull();

        (await _admin.DeleteAsync(SharingClient.Permissions("/Shared/Proj?user=alice"), Ct)).EnsureSuccessStatusCode();

        page.WaitForAssertion(() => page.FindAll("[data-testid=upload-files]").ShouldBeEmpty(), LiveUpdate);
        page.FindAll("[data-testid=new-folder]").ShouldBeEmpty();
        FolderViewContext.Names(page).ShouldBe(["plan.txt"]);

        await _admin.GrantUserAsync("/Shared/Proj", "alice", "Editor");
        page.WaitForAssertion(() => page.FindAll("[data-testid=upload-files]").ShouldNotBeEmpty(), LiveUpdate);
    }

    private async Task SetLiveUpdatesAsync(object settings) =>
        (await _admin.PutAsJsonAsync(new Uri("/api/v1/admin/flags/LiveUpdates", UriKind.Relative), settings, Ct)).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _context.DisposeAsync();
    }
}
