using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace Strata.Web.Tests.Files;

/// <summary>Rows dragged onto a folder row or a step of the trail (the browser half is wwwroot-assets/src/uploads.js).</summary>
public sealed class RowDragTests : IAsyncLifetime
{
    private FolderViewContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        await _context.MkdirAsync("/Private/alice/zeta");
        await _context.WriteAsync("/Private/alice/a.txt", "a");
        await _context.WriteAsync("/Private/alice/b.txt", "b");
        await _context.WriteAsync("/Private/alice/c.txt", "c");
    }

    [Fact]
    public async Task A_file_dropped_on_a_folder_moves_into_it_and_with_ctrl_held_is_copied()
    {
        var page = _context.RenderFolder("Private/alice");

        FolderViewContext.Entry(page, "a.txt").DragStart();
        FolderViewContext.Entry(page, "zeta").Drop(Rows());
        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldNotContain("a.txt"));
        FolderViewContext.Entry(page, "b.txt").DragStart();
        FolderViewContext.Entry(page, "zeta").Drop(Rows(ctrl: true));

        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldBe(["zeta", "b.txt", "c.txt"]));
        (await _context.ExistsAsync("/Private/alice/zeta/a.txt")).ShouldBeTrue();
        (await _context.ExistsAsync("/Private/alice/zeta/b.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_selected_row_carries_the_whole_selection()
    {
        var page = _context.RenderFolder("Private/alice");
        FolderViewContext.Entry(page, "a.txt").Click(new MouseEventArgs());
        FolderViewContext.Entry(page, "c.txt").Click(new MouseEventArgs { CtrlKey = true });

        FolderViewContext.Entry(page, "c.txt").DragStart();
        FolderViewContext.Entry(page, "zeta").Drop(Rows());

        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldBe(["zeta", "b.txt"]));
        (await _context.ExistsAsync("/Private/alice/zeta/a.txt")).ShouldBeTrue();
        (await _context.ExistsAsync("/Private/alice/zeta/c.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_step_of_the_trail_the_viewer_may_write_to_takes_rows_back_up()
    {
        await _context.WriteAsync("/Private/alice/zeta/deep.txt", "d");
        var page = _context.RenderFolder("Private/alice/zeta");
        page.FindAll("[data-testid=breadcrumbs] [data-drop-folder]").Select(e => e.GetAttribute("data-drop-folder"))
            .ShouldBe(["/Private/alice"]);

        FolderViewContext.Entry(page, "deep.txt").DragStart();
        page.Find("[data-testid=breadcrumbs] [data-drop-folder='/Private/alice']").Drop(Rows());

        page.WaitForAssertion(() => page.FindAll("[data-testid=empty]").ShouldNotBeEmpty());
        (await _context.ExistsAsync("/Private/alice/deep.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task Files_dropped_from_the_desktop_after_a_drag_of_rows_that_went_nowhere_move_nothing()
    {
        var page = _context.RenderFolder("Private/alice");

        FolderViewContext.Entry(page, "a.txt").DragStart();
        FolderViewContext.Entry(page, "zeta").Drop(new DragEventArgs { DataTransfer = new DataTransfer { Types = ["Files"], Files = ["photo.jpg"], Items = [] } });
        FolderViewContext.Entry(page, "zeta").DragStart();
        FolderViewContext.Entry(page, "zeta").Drop(Rows());

        (await _context.ExistsAsync("/Private/alice/a.txt")).ShouldBeTrue();
        (await _context.ExistsAsync("/Private/alice/zeta/zeta")).ShouldBeFalse();
        FolderViewContext.Names(page).ShouldBe(["zeta", "a.txt", "b.txt", "c.txt"]);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private static DragEventArgs Rows(bool ctrl = false) =>
        new() { CtrlKey = ctrl, DataTransfer = new DataTransfer { Types = ["application/x-strata-rows"], Files = [], Items = [] } };
}
