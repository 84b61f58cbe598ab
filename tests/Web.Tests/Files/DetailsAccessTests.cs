using Bunit;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Files;

/// <summary>The details drawer says who may reach an item: the real grants, not "everyone" for a restricted folder.</summary>
public sealed class DetailsAccessTests : IAsyncLifetime
{
    private FolderViewContext _context = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        using var admin = await _context.App.CreateAdminClientAsync();
        using var alice = await _context.App.CreateUserClientAsync("alice@strata.test");
        (await admin.MkdirAsync("/Shared/Deals")).EnsureSuccessStatusCode();
        (await admin.MkdirAsync("/Shared/Open")).EnsureSuccessStatusCode();
        (await admin.PutAsync(new Uri("/api/v1/fs-content/Shared/Deals/q4.txt", UriKind.Relative), new StringContent("q4"), Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsync(new Uri("/api/v1/fs-content/Shared/Open/notes.txt", UriKind.Relative), new StringContent("n"), Ct)).EnsureSuccessStatusCode();
        var sales = await admin.CreateGroupAsync("Sales");
        await admin.AddMemberAsync(sales, alice);
        await admin.GrantGroupAsync("/Shared/Deals", "Sales", "Editor");
    }

    [Fact]
    public void A_member_of_the_group_a_folder_is_restricted_to_reads_that_it_is_shared_with_them()
    {
        Details("Shared/Deals", "q4.txt").ShouldBe("Restricted: shared with you (Editor)");
    }

    [Fact]
    public async Task A_manager_reads_the_folders_grants()
    {
        using (var admin = await _context.App.CreateAdminClientAsync())
        {
            await admin.GrantUserAsync("/Shared/Deals", "alice", "Owner");
        }

        Details("Shared/Deals", "q4.txt").ShouldBe("Restricted: shared with alice (Owner), Sales (group, Editor)");
    }

    [Fact]
    public void A_folder_without_grants_is_everyones()
    {
        Details("Shared/Open", "notes.txt").ShouldBe("Everyone (shared)");
    }

    private string Details(string folder, string name)
    {
        var page = _context.RenderFolder(folder);
        FolderViewContext.Entry(page, name).Click();
        page.WaitForAssertion(() => page.Find("[data-testid=details-button]").HasAttribute("disabled").ShouldBeFalse());
        page.Find("[data-testid=details-button]").Click();
        string access = "";
        page.WaitForAssertion(() => access = page.Find("[data-testid=details-access]").TextContent, TimeSpan.FromSeconds(10));
        return access;
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
