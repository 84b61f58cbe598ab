using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components.Web;
using Strata.Web.Files;

namespace Strata.Web.Tests.Files;

/// <summary>Ctrl+X / Ctrl+C in one folder, Ctrl+V in another.</summary>
public sealed class ClipboardKeysTests : IAsyncLifetime
{
    private FolderViewContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        await _context.MkdirAsync("/Private/alice/zeta");
        await _context.MkdirAsync("/Private/alice/omega");
        await _context.WriteAsync("/Private/alice/a.txt", "a");
        await _context.WriteAsync("/Private/alice/b.txt", "b");
    }

    [Fact]
    public async Task What_was_cut_moves_to_the_folder_it_is_pasted_in_once()
    {
        var page = _context.RenderFolder("Private/alice");
        FolderViewContext.Entry(page, "a.txt").Click(new MouseEventArgs());
        Press(page, "x");
        page.WaitForAssertion(() => FolderViewContext.Entry(page, "a.txt").ClassList.ShouldContain("strata-cut"));

        await PasteInAsync("Private/alice/zeta");

        (await _context.ExistsAsync("/Private/alice/zeta/a.txt")).ShouldBeTrue();
        (await _context.ExistsAsync("/Private/alice/a.txt")).ShouldBeFalse();
        _context.Bunit.Services.GetRequiredService<FileClipboard>().Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task What_was_copied_can_be_pasted_in_several_folders()
    {
        var page = _context.RenderFolder("Private/alice");
        FolderViewContext.Entry(page, "b.txt").Click(new MouseEventArgs());
        Press(page, "c");
        FolderViewContext.Entry(page, "b.txt").ClassList.ShouldNotContain("strata-cut");

        await PasteInAsync("Private/alice/zeta");
        await PasteInAsync("Private/alice/omega");

        (await _context.ExistsAsync("/Private/alice/zeta/b.txt")).ShouldBeTrue();
        (await _context.ExistsAsync("/Private/alice/omega/b.txt")).ShouldBeTrue();
        (await _context.ExistsAsync("/Private/alice/b.txt")).ShouldBeTrue();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    /// <summary>Opens <paramref name="folder"/> in place of the page shown (the clipboard lives as long as the tab) and pastes.</summary>
    private async Task PasteInAsync(string folder)
    {
        await _context.Bunit.DisposeComponentsAsync();
        var page = _context.RenderFolder(folder, allowEmpty: true);
        await page.Find("[data-testid=listing]").KeyDownAsync(new KeyboardEventArgs { Key = "v", CtrlKey = true });
    }

    private static void Press(IRenderedComponent<FilesPage> page, string key) =>
        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = key, CtrlKey = true });
}
