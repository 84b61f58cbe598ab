using Bunit;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Sharing;
using Strata.Web.Files;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Files;

/// <summary>The folder view offers only what the caller's rights allow, and "Manage access" only to managers.</summary>
public sealed class FolderRightsTests : IAsyncLifetime
{
    private FolderViewContext _context = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        await _context.MkdirAsync("/Private/alice/zeta");
        await _context.MkdirAsync("/Private/alice/zeta/inner");
        await _context.WriteAsync("/Private/alice/a.txt", "a");
    }

    [Fact]
    public async Task A_viewer_gets_no_upload_new_folder_rename_delete_move_or_share()
    {
        using (var admin = await _context.App.CreateAdminClientAsync())
        {
            (await admin.MkdirAsync("/Shared/Proj")).EnsureSuccessStatusCode();
            (await admin.PutAsync(FsClientContent("/Shared/Proj/plan.txt"), new StringContent("plan"), Ct)).EnsureSuccessStatusCode();
            await admin.GrantUserAsync("/Shared/Proj", "alice", "Viewer");
        }

        var page = _context.RenderFolder("Shared/Proj");
        page.Find("[data-testid=entry][data-name='plan.txt']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=selection-count]").TextContent.ShouldBe("1 selected"));
        page.FindAll("[data-testid=upload-files]").ShouldBeEmpty();
        page.FindAll("[data-testid=new-folder]").ShouldBeEmpty();
        page.FindAll("[data-testid=delete]").ShouldBeEmpty();
        page.FindAll("[data-testid=rename]").ShouldBeEmpty();
        page.FindAll("[data-testid=move]").ShouldBeEmpty();
        page.FindAll("[data-testid=share]").ShouldBeEmpty();
        page.FindAll("[data-testid=copy]").ShouldHaveSingleItem();
    }

    [Fact]
    public void The_owner_manages_a_selected_folder_but_not_a_file_nor_the_private_root()
    {
        var page = _context.RenderFolder("Private/alice");

        page.FindAll("[data-testid=share]").ShouldBeEmpty();
        page.Find("[data-testid=upload-files]").ShouldNotBeNull();
        page.Find("[data-testid=entry][data-name='zeta']").Click();
        page.WaitForAssertion(() => ShareLabel(page).ShouldBe("Manage access to zeta"));
        page.Find("[data-testid=delete]").ShouldNotBeNull();
        page.Find("[data-testid=entry][data-name='a.txt']").Click();
        page.WaitForAssertion(() => page.FindAll("[data-testid=share]").ShouldBeEmpty());
    }

    [Fact]
    public void With_nothing_selected_the_open_folder_is_managed()
    {
        var page = _context.RenderFolder("Private/alice/zeta");

        ShareLabel(page).ShouldBe("Manage access to zeta");
    }

    [Fact]
    public async Task The_dialog_shows_inherited_grants_read_only_and_removes_an_own_grant()
    {
        using (await _context.App.CreateUserClientAsync("bob@strata.test"))
        {
        }

        await SetAsync("/Private/alice/zeta", "bob", AccessLevel.Viewer);
        await SetAsync("/Private/alice/zeta/inner", "bob", AccessLevel.Editor);
        var page = _context.RenderFolder("Private/alice/zeta");
        page.Find("[data-testid=entry][data-name='inner']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=share]").Click());
        var host = _context.Host;
        host.WaitForAssertion(() => host.FindAll("[data-testid=grant]").Count.ShouldBe(2));
        var inherited = host.Find("[data-testid=grant][data-inherited=true]");
        inherited.TextContent.ShouldContain("from /Private/alice/zeta");
        inherited.QuerySelector("[data-testid=grant-level-text]")!.TextContent.ShouldBe("Viewer");
        inherited.QuerySelector("[data-testid=remove-grant]").ShouldBeNull();
        host.Find("[data-testid=grant][data-inherited=false] [data-testid=remove-grant]").Click();

        host.WaitForAssertion(() => host.FindAll("[data-testid=grant]").Count.ShouldBe(1));
        var left = await _context.Permissions.ListAsync(_context.Alice, NodePath.Parse("/Private/alice/zeta/inner"), Ct);
        left.Value.ShouldHaveSingleItem().InheritedFrom.ShouldBe("/Private/alice/zeta");
    }

    private async Task SetAsync(string folder, string user, AccessLevel level) =>
        (await _context.Permissions.SetAsync(_context.Alice, NodePath.Parse(folder), new PrincipalName(PrincipalKind.User, user), level, Ct)).Succeeded.ShouldBeTrue();

    private static Uri FsClientContent(string path) => new("/api/v1/fs-content" + path, UriKind.Relative);

    private static string? ShareLabel(IRenderedComponent<FilesPage> page) => page.Find("[data-testid=share]").GetAttribute("aria-label");

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
