using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Strata.Domain.Files;
using Strata.Infrastructure.Dav;
using Strata.Web.Files;

namespace Strata.Web.Tests.Files;

public sealed class FilesPageTests : IAsyncLifetime
{
    /// <summary>The journal is polled every 200 ms; the rest is room for a busy machine.</summary>
    private static readonly TimeSpan LiveUpdate = TimeSpan.FromSeconds(5);

    private FolderViewContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        await _context.MkdirAsync("/Private/alice/zeta");
        await _context.WriteAsync("/Private/alice/b.txt", "bbbbbbbbbb");
        await _context.WriteAsync("/Private/alice/a.txt", "a");
        await _context.WriteAsync("/Private/alice/c.txt", "ccccc");
        await _context.WriteAsync("/Private/alice/D.txt", "dd");
    }

    [Fact]
    public void Listing_puts_folders_first_then_names_case_insensitively()
    {
        var page = _context.RenderFolder("Private/alice");

        FolderViewContext.Names(page).ShouldBe(["zeta", "a.txt", "b.txt", "c.txt", "D.txt"]);
        page.Find("[data-testid=total]").TextContent.ShouldBe("5 items");
    }

    [Fact]
    public async Task Numbers_in_names_sort_as_people_count_both_ways()
    {
        await _context.MkdirAsync("/Private/alice/Builds");
        foreach (var build in new[] { "Build 10", "Build 9", "Build 100", "Build 1000" })
        {
            await _context.MkdirAsync($"/Private/alice/Builds/{build}");
        }

        var page = _context.RenderFolder("Private/alice/Builds");

        FolderViewContext.Names(page).ShouldBe(["Build 9", "Build 10", "Build 100", "Build 1000"]);
        SortBy(page, "Name");
        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldBe(["Build 1000", "Build 100", "Build 10", "Build 9"]));
    }

    [Fact]
    public async Task Locks_are_read_with_the_folder_not_per_scroll_window()
    {
        var locks = _context.App.Services.GetRequiredService<DavLockStore>();
        await locks.LockAsync(NodePath.Parse("/Private/alice/c.txt"), _context.Alice, shared: false, deep: false, ownerXml: null, 600, CancellationToken.None);
        var page = _context.RenderFolder("Private/alice");
        page.WaitForAssertion(() => page.FindAll("[data-testid=lock]").Count.ShouldBe(1));
        var windows = page.FindComponent<Virtualize<FilesPage.Row>>().Instance.ItemsProvider!;

        var commands = await _context.Commands.DuringAsync(async () =>
        {
            for (var start = 0; start < 5; start++)
            {
                (await windows(new ItemsProviderRequest(start, 1, CancellationToken.None))).Items.ShouldHaveSingleItem();
            }
        });

        commands.Where(c => c.Contains("\"DavLocks\"", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_lock_taken_or_released_elsewhere_shows_without_a_reload()
    {
        var locks = _context.App.Services.GetRequiredService<DavLockStore>();
        var page = _context.RenderFolder("Private/alice");
        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldContain("c.txt"));
        page.FindAll("[data-testid=lock]").ShouldBeEmpty();

        var granted = (await locks.LockAsync(NodePath.Parse("/Private/alice/c.txt"), _context.Alice, shared: false, deep: false, ownerXml: null, 600, CancellationToken.None)).Granted;
        page.WaitForAssertion(() => page.FindAll("[data-testid=lock]").Count.ShouldBe(1), LiveUpdate);
        (await locks.UnlockAsync(granted!.Token, _context.Alice, CancellationToken.None)).ShouldBeTrue();

        page.WaitForAssertion(() => page.FindAll("[data-testid=lock]").ShouldBeEmpty(), LiveUpdate);
    }

    [Fact]
    public async Task An_expired_lock_leaves_the_view_and_a_refreshed_one_stays()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var context = await FolderViewContext.CreateAsync(clock);
        await context.WriteAsync("/Private/alice/a.txt", "a");
        await context.WriteAsync("/Private/alice/b.txt", "b");
        var locks = context.App.Services.GetRequiredService<DavLockStore>();
        await locks.LockAsync(NodePath.Parse("/Private/alice/a.txt"), context.Alice, shared: false, deep: false, ownerXml: null, 60, CancellationToken.None);
        var refreshed = (await locks.LockAsync(NodePath.Parse("/Private/alice/b.txt"), context.Alice, shared: false, deep: false, ownerXml: null, 60, CancellationToken.None)).Granted;
        var page = context.RenderFolder("Private/alice");
        page.WaitForAssertion(() => page.FindAll("[data-testid=lock]").Count.ShouldBe(2));

        clock.Advance(TimeSpan.FromSeconds(30));
        (await locks.RefreshAsync(refreshed!.Token, 600, CancellationToken.None)).ShouldNotBeNull();
        clock.Advance(TimeSpan.FromSeconds(31));

        page.WaitForAssertion(() => page.FindAll("[data-testid=lock]").ShouldHaveSingleItem()
            .Closest("[data-testid=entry]")!.GetAttribute("data-name").ShouldBe("b.txt"));
        clock.Advance(TimeSpan.FromSeconds(600));
        page.WaitForAssertion(() => page.FindAll("[data-testid=lock]").ShouldBeEmpty());
    }

    [Fact]
    public async Task A_lock_shows_on_its_tile_and_in_the_details_where_its_owner_can_release_it()
    {
        var locks = _context.App.Services.GetRequiredService<DavLockStore>();
        var path = NodePath.Parse("/Private/alice/c.txt");
        await locks.LockAsync(path, _context.Alice, shared: false, deep: false, ownerXml: null, 600, CancellationToken.None);
        _context.Bunit.JSInterop.Setup<BrowserWindowSize>("mudResizeListener.getBrowserWindowSize").SetResult(new BrowserWindowSize { Width = 1280, Height = 800 });
        var page = _context.RenderFolder("Private/alice");
        page.Find("[data-testid=view-toggle]").Click();
        page.WaitForAssertion(() => page.FindAll(".strata-tile[data-name='c.txt'] [data-testid=lock]").ShouldHaveSingleItem());

        Click(page, "c.txt");
        page.Find("[data-testid=details-button]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=details-lock] [data-testid=lock-summary]").TextContent.ShouldStartWith($"Locked over WebDAV by {_context.Alice.UserName} until"));
        page.Find("[data-testid=details-lock] [data-testid=release-lock]").Click();

        page.WaitForAssertion(() => page.FindAll("[data-testid=lock]").ShouldBeEmpty());
        (await locks.CoveringAsync(path, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public void Sorting_by_size_then_again_reverses_and_keeps_folders_first()
    {
        var page = _context.RenderFolder("Private/alice");

        SortBy(page, "Size");
        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldBe(["zeta", "a.txt", "D.txt", "c.txt", "b.txt"]));
        SortBy(page, "Size");

        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldBe(["zeta", "b.txt", "c.txt", "D.txt", "a.txt"]));
    }

    [Fact]
    public void A_click_selects_one_and_a_second_click_replaces_it()
    {
        var page = _context.RenderFolder("Private/alice");

        Click(page, "a.txt");
        Click(page, "c.txt");

        page.WaitForAssertion(() => FolderViewContext.Selected(page).ShouldBe(["c.txt"]));
        page.Find("[data-testid=selection-count]").TextContent.ShouldBe("1 selected");
    }

    [Fact]
    public void Ctrl_click_adds_and_removes_single_items()
    {
        var page = _context.RenderFolder("Private/alice");

        Click(page, "a.txt");
        Click(page, "c.txt", ctrl: true);
        Click(page, "zeta", ctrl: true);
        Click(page, "a.txt", ctrl: true);

        page.WaitForAssertion(() => FolderViewContext.Selected(page).ShouldBe(["zeta", "c.txt"]));
    }

    [Fact]
    public void Shift_click_selects_the_range_from_the_anchor_in_either_direction()
    {
        var page = _context.RenderFolder("Private/alice");

        Click(page, "b.txt");
        Click(page, "D.txt", shift: true);
        page.WaitForAssertion(() => FolderViewContext.Selected(page).ShouldBe(["b.txt", "c.txt", "D.txt"]));
        Click(page, "zeta", shift: true);

        page.WaitForAssertion(() => FolderViewContext.Selected(page).ShouldBe(["zeta", "a.txt", "b.txt"]));
    }

    [Fact]
    public void Ctrl_a_selects_everything_and_arrows_move_a_single_selection()
    {
        var page = _context.RenderFolder("Private/alice");
        var listing = page.Find("[data-testid=listing]");

        listing.KeyDown(new KeyboardEventArgs { Key = "a", CtrlKey = true });
        page.WaitForAssertion(() => page.Find("[data-testid=selection-count]").TextContent.ShouldBe("5 selected"));
        Click(page, "a.txt");
        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });

        page.WaitForAssertion(() => FolderViewContext.Selected(page).ShouldBe(["b.txt"]));
    }

    [Fact]
    public void End_and_home_select_the_last_and_the_first_and_each_is_scrolled_into_sight()
    {
        var reveal = _context.Bunit.JSInterop.SetupModule("./js/listing.js").SetupVoid("reveal", _ => true);
        var page = _context.RenderFolder("Private/alice");
        Click(page, "b.txt");

        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = "End" });
        page.WaitForAssertion(() => FolderViewContext.Selected(page).ShouldBe(["D.txt"]));
        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = "Home", ShiftKey = true });

        page.WaitForAssertion(() => FolderViewContext.Selected(page).ShouldBe(["zeta", "a.txt", "b.txt", "c.txt", "D.txt"]));
        reveal.Invocations.Select(i => (int)i.Arguments[1]!).ShouldBe([4, 0]);
    }

    [Fact]
    public void Page_down_and_up_move_the_selection_by_the_rows_in_view()
    {
        var script = _context.Bunit.JSInterop.SetupModule("./js/listing.js");
        script.Setup<int>("rowsInView", _ => true).SetResult(2);
        script.SetupVoid("reveal", _ => true);
        var page = _context.RenderFolder("Private/alice");
        Click(page, "a.txt");

        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = "PageDown" });
        page.WaitForAssertion(() => FolderViewContext.Selected(page).ShouldBe(["c.txt"]));
        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = "PageUp", ShiftKey = true });

        page.WaitForAssertion(() => FolderViewContext.Selected(page).ShouldBe(["a.txt", "b.txt", "c.txt"]));
    }

    [Fact]
    public void Escape_closes_the_details_from_the_listing_or_from_inside_them()
    {
        var page = _context.RenderFolder("Private/alice");
        var drawer = page.FindComponent<DetailsDrawer>();
        Click(page, "a.txt");

        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = "i" });
        page.WaitForAssertion(() => drawer.Instance.Open.ShouldBeTrue());
        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        page.WaitForAssertion(() => drawer.Instance.Open.ShouldBeFalse());

        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = "i" });
        page.WaitForAssertion(() => drawer.Instance.Open.ShouldBeTrue());
        page.Find("[data-testid=details-body]").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        page.WaitForAssertion(() => drawer.Instance.Open.ShouldBeFalse());
    }

    [Fact]
    public void Shift_arrow_extends_the_selection_from_the_anchor()
    {
        var page = _context.RenderFolder("Private/alice");

        Click(page, "a.txt");
        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = "ArrowDown", ShiftKey = true });
        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = "ArrowDown", ShiftKey = true });

        page.WaitForAssertion(() => FolderViewContext.Selected(page).ShouldBe(["a.txt", "b.txt", "c.txt"]));
    }

    [Fact]
    public void Selection_is_cleared_when_the_sort_changes()
    {
        var page = _context.RenderFolder("Private/alice");

        Click(page, "a.txt");
        SortBy(page, "Modified");

        page.WaitForAssertion(() => FolderViewContext.Selected(page).ShouldBeEmpty());
    }

    [Fact]
    public void The_question_mark_and_the_keyboard_button_list_the_keys()
    {
        var page = _context.RenderFolder("Private/alice");
        var host = _context.Host;

        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = "?" });
        host.WaitForAssertion(() => host.Find("[data-testid=shortcuts-table]").TextContent.ShouldContain("Ctrl+V"));
        host.FindAll(".mud-dialog button").First(b => b.TextContent.Contains("Close", StringComparison.Ordinal)).Click();
        host.WaitForAssertion(() => host.FindAll("[data-testid=shortcuts-table]").ShouldBeEmpty());
        page.Find("[data-testid=shortcuts]").Click();

        host.WaitForAssertion(() => host.Find("[data-testid=shortcuts-table]").TextContent.ShouldContain("F2"));
    }

    private static void Click(IRenderedComponent<Strata.Web.Files.FilesPage> page, string name, bool ctrl = false, bool shift = false) =>
        page.Find($"[data-testid=entry][data-name='{name}']").Click(new MouseEventArgs { CtrlKey = ctrl, ShiftKey = shift });

    private void SortBy(IRenderedComponent<Strata.Web.Files.FilesPage> page, string order)
    {
        page.Find("[aria-label=Sort] button, button[aria-label=Sort]").Click();
        var host = _context.Host;
        host.WaitForAssertion(() => host.FindAll(".mud-menu-item").ShouldNotBeEmpty());
        host.FindAll(".mud-menu-item").First(i => i.TextContent.TrimStart().StartsWith(order, StringComparison.Ordinal)).Click();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
