using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace Strata.Web.Tests.Files;

/// <summary>The right-click menu of a row in the folder view.</summary>
public sealed class ContextMenuTests : IAsyncLifetime
{
    private FolderViewContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        await _context.WriteAsync("/Private/alice/a.txt", "a");
        await _context.WriteAsync("/Private/alice/b.txt", "b");
        await _context.WriteAsync("/Private/alice/c.txt", "c");
    }

    [Fact]
    public async Task A_right_click_outside_the_selection_selects_that_row_and_its_menu_acts_on_it()
    {
        var page = _context.RenderFolder("Private/alice");
        FolderViewContext.Entry(page, "a.txt").Click(new MouseEventArgs());

        FolderViewContext.Entry(page, "c.txt").ContextMenu(new MouseEventArgs { ClientX = 200, ClientY = 120 });
        var host = _context.Host;
        host.WaitForAssertion(() => host.FindAll("[data-testid=menu-delete]").ShouldNotBeEmpty());
        FolderViewContext.Selected(page).ShouldBe(["c.txt"]);
        host.FindAll("[data-testid=menu-open]").ShouldNotBeEmpty();
        host.Find("[data-testid=menu-delete]").Click();

        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldBe(["a.txt", "b.txt"]));
        (await _context.ExistsAsync("/Private/alice/c.txt")).ShouldBeFalse();
    }

    [Fact]
    public void A_right_click_inside_the_selection_keeps_it_and_offers_only_what_fits_several_items()
    {
        var page = _context.RenderFolder("Private/alice");
        FolderViewContext.Entry(page, "a.txt").Click(new MouseEventArgs());
        FolderViewContext.Entry(page, "b.txt").Click(new MouseEventArgs { CtrlKey = true });

        FolderViewContext.Entry(page, "b.txt").ContextMenu(new MouseEventArgs { ClientX = 200, ClientY = 120 });
        var host = _context.Host;
        host.WaitForAssertion(() => host.FindAll("[data-testid=menu-delete]").ShouldNotBeEmpty());

        FolderViewContext.Selected(page).ShouldBe(["a.txt", "b.txt"]);
        host.FindAll("[data-testid=menu-open]").ShouldBeEmpty();
        host.Find("[data-testid=menu-rename]").GetAttribute("aria-disabled").ShouldBe("true");
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
