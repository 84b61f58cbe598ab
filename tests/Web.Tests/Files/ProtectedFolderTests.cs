using Bunit;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Files;

/// <summary>The file manager refuses, with its reason, to delete a folder that holds one hidden from the user.</summary>
public sealed class ProtectedFolderTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private FolderViewContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        await ArchiveFixture.ArrangeAsync(_context.App);
    }

    [Fact]
    public async Task Deleting_a_folder_that_holds_a_hidden_one_says_why_and_keeps_both()
    {
        var page = _context.RenderFolder("Shared/Team");
        FolderViewContext.Entry(page, "Archive").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=selection-count]").TextContent.ShouldBe("1 selected"), Wait);

        page.Find("[data-testid=delete]").Click();

        _context.Host.WaitForAssertion(() => _context.Host.Find(".mud-snackbar").TextContent
            .ShouldContain("You may not move or delete '/Shared/Team/Archive': it holds items you may not remove."), Wait);
        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldBe(["Archive", "Elsewhere"]), Wait);
        using var admin = await _context.App.CreateAdminClientAsync();
        (await admin.GetTextAsync(ArchiveFixture.Legal + "/secret.txt")).ShouldBe("secret");
        (await admin.ListNamesAsync(ArchiveFixture.Archive)).ShouldBe(["Legal", "readme.txt"], ignoreOrder: true);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
