using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Strata.Domain.Files;
using Strata.Web.Components.Files;

namespace Strata.Web.Tests.Components.Files;

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

        Entry(page, "a.txt").DragStart();
        Entry(page, "zeta").Drop(Rows());
        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldNotContain("a.txt"));
        Entry(page, "b.txt").DragStart();
        Entry(page, "zeta").Drop(Rows(ctrl: true));

        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldBe(["zeta", "b.txt", "c.txt"]));
        (await ExistsAsync("/Private/alice/zeta/a.txt")).ShouldBeTrue();
        (await ExistsAsync("/Private/alice/zeta/b.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_selected_row_carries_the_whole_selection()
    {
        var page = _context.RenderFolder("Private/alice");
        Entry(page, "a.txt").Click(new MouseEventArgs());
        Entry(page, "c.txt").Click(new MouseEventArgs { CtrlKey = true });

        Entry(page, "c.txt").DragStart();
        Entry(page, "zeta").Drop(Rows());

        page.WaitForAssertion(() => FolderViewContext.Names(page).ShouldBe(["zeta", "b.txt"]));
        (await ExistsAsync("/Private/alice/zeta/a.txt")).ShouldBeTrue();
        (await ExistsAsync("/Private/alice/zeta/c.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_step_of_the_trail_the_viewer_may_write_to_takes_rows_back_up()
    {
        await _context.WriteAsync("/Private/alice/zeta/deep.txt", "d");
        var page = _context.RenderFolder("Private/alice/zeta");
        page.FindAll("[data-testid=breadcrumbs] [data-drop-folder]").Select(e => e.GetAttribute("data-drop-folder"))
            .ShouldBe(["/Private/alice"]);

        Entry(page, "deep.txt").DragStart();
        page.Find("[data-testid=breadcrumbs] [data-drop-folder='/Private/alice']").Drop(Rows());

        page.WaitForAssertion(() => page.FindAll("[data-testid=empty]").ShouldNotBeEmpty());
        (await ExistsAsync("/Private/alice/deep.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task Files_dropped_from_the_desktop_after_a_drag_of_rows_that_went_nowhere_move_nothing()
    {
        var page = _context.RenderFolder("Private/alice");

        Entry(page, "a.txt").DragStart();
        Entry(page, "zeta").Drop(new DragEventArgs { DataTransfer = new DataTransfer { Types = ["Files"], Files = ["photo.jpg"], Items = [] } });
        Entry(page, "zeta").DragStart();
        Entry(page, "zeta").Drop(Rows());

        (await ExistsAsync("/Private/alice/a.txt")).ShouldBeTrue();
        (await ExistsAsync("/Private/alice/zeta/zeta")).ShouldBeFalse();
        FolderViewContext.Names(page).ShouldBe(["zeta", "a.txt", "b.txt", "c.txt"]);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private static AngleSharp.Dom.IElement Entry(IRenderedComponent<FilesPage> page, string name) =>
        page.Find($"[data-testid=entry][data-name='{name}']");

    private static DragEventArgs Rows(bool ctrl = false) =>
        new() { CtrlKey = ctrl, DataTransfer = new DataTransfer { Types = ["application/x-strata-rows"], Files = [], Items = [] } };

    private async Task<bool> ExistsAsync(string path) =>
        (await _context.Files.GetAsync(_context.Alice, NodePath.Parse(path), CancellationToken.None)).Succeeded;
}
