using Strata.Domain.Files;
using Strata.Web.Files;

namespace Strata.Web.Tests.Files;

public sealed class FolderSelectionTests
{
    private static readonly NodeInfo[] Listing = [.. "abcdefgh".Select((c, i) => Item(i + 1, $"{c}.txt"))];

    private readonly List<(int Start, int Count)> _windows = [];

    private readonly FolderSelection _selection;

    public FolderSelectionTests() => _selection = new FolderSelection((start, count) =>
    {
        _windows.Add((start, count));
        return Task.FromResult<IReadOnlyList<NodeInfo>>([.. Listing.Skip(start).Take(count)]);
    });

    private IReadOnlyList<string> Selected => [.. _selection.Items.Select(i => i.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void Nothing_is_selected_or_focused_at_first()
    {
        _selection.Count.ShouldBe(0);
        _selection.Focus.ShouldBe(-1);
        _selection.Anchor.ShouldBeNull();
        _selection.Only.ShouldBeNull();
    }

    [Fact]
    public async Task A_click_selects_one_item_in_place_of_the_others()
    {
        await ClickAsync(1);
        await ClickAsync(3);

        Selected.ShouldBe(["d.txt"]);
        _selection.Only.ShouldBe(Listing[3]);
        (_selection.Focus, _selection.Anchor).ShouldBe((3, 3));
    }

    [Fact]
    public async Task A_toggling_click_adds_an_item_or_takes_it_out_and_moves_the_anchor()
    {
        await ClickAsync(1);
        await ClickAsync(3, toggle: true);
        await ClickAsync(5, toggle: true);
        await ClickAsync(1, toggle: true);

        Selected.ShouldBe(["d.txt", "f.txt"]);
        (_selection.Focus, _selection.Anchor).ShouldBe((1, 1));
        _selection.Contains(Listing[1]).ShouldBeFalse();
    }

    [Fact]
    public async Task An_extending_click_selects_the_range_from_the_anchor_either_way_and_keeps_the_anchor()
    {
        await ClickAsync(2);
        await ClickAsync(5, extend: true);
        Selected.ShouldBe(["c.txt", "d.txt", "e.txt", "f.txt"]);

        await ClickAsync(0, extend: true);

        Selected.ShouldBe(["a.txt", "b.txt", "c.txt"]);
        (_selection.Focus, _selection.Anchor).ShouldBe((0, 2));
        _windows.ShouldBe([(2, 4), (0, 3)]);
    }

    [Fact]
    public async Task An_extending_click_without_an_anchor_selects_the_item_alone()
    {
        await ClickAsync(4, extend: true);

        Selected.ShouldBe(["e.txt"]);
        _selection.Anchor.ShouldBe(4);
    }

    [Fact]
    public async Task A_right_click_keeps_a_selection_it_falls_in_and_replaces_one_it_misses()
    {
        await ClickAsync(1);
        await ClickAsync(2, toggle: true);

        await _selection.PointAtAsync(1, Listing[1]);
        Selected.ShouldBe(["b.txt", "c.txt"]);
        _selection.Focus.ShouldBe(1);

        await _selection.PointAtAsync(6, Listing[6]);
        Selected.ShouldBe(["g.txt"]);
        (_selection.Focus, _selection.Anchor).ShouldBe((6, 6));
    }

    [Fact]
    public async Task The_first_move_focuses_the_first_item_and_later_moves_select_one_item_within_the_listing()
    {
        (await _selection.MoveFocusAsync(1, extend: false, Listing.Length)).ShouldBeTrue();
        Selected.ShouldBe(["a.txt"]);

        await _selection.MoveFocusAsync(3, extend: false, Listing.Length);
        Selected.ShouldBe(["d.txt"]);
        await _selection.MoveFocusAsync(100, extend: false, Listing.Length);
        Selected.ShouldBe(["h.txt"]);
        await _selection.MoveFocusAsync(-100, extend: false, Listing.Length);

        Selected.ShouldBe(["a.txt"]);
        (_selection.Focus, _selection.Anchor).ShouldBe((0, 0));
    }

    [Fact]
    public async Task Extending_moves_grow_and_shrink_the_range_from_the_anchor()
    {
        await ClickAsync(3);

        await _selection.MoveFocusAsync(2, extend: true, Listing.Length);
        Selected.ShouldBe(["d.txt", "e.txt", "f.txt"]);
        await _selection.MoveFocusAsync(-3, extend: true, Listing.Length);
        Selected.ShouldBe(["c.txt", "d.txt"]);
        await _selection.FocusOnAsync(Listing.Length - 1, extend: true, Listing.Length);

        Selected.ShouldBe(["d.txt", "e.txt", "f.txt", "g.txt", "h.txt"]);
        (_selection.Focus, _selection.Anchor).ShouldBe((7, 3));
    }

    [Fact]
    public async Task An_empty_listing_has_nothing_to_focus()
    {
        (await _selection.FocusOnAsync(0, extend: false, total: 0)).ShouldBeFalse();

        _selection.Focus.ShouldBe(-1);
        _windows.ShouldBeEmpty();
    }

    [Fact]
    public async Task Select_all_reads_the_whole_listing_in_one_window_and_leaves_focus_and_anchor()
    {
        await ClickAsync(2);

        await _selection.SelectAllAsync(Listing.Length);

        _selection.Count.ShouldBe(Listing.Length);
        _windows.ShouldBe([(0, Listing.Length)]);
        (_selection.Focus, _selection.Anchor).ShouldBe((2, 2));
    }

    [Fact]
    public async Task Clearing_keeps_focus_and_anchor_and_resetting_forgets_them()
    {
        await ClickAsync(2);
        _selection.Clear();
        _selection.Count.ShouldBe(0);
        (_selection.Focus, _selection.Anchor).ShouldBe((2, 2));

        await ClickAsync(4);
        _selection.Reset();

        _selection.Count.ShouldBe(0);
        (_selection.Focus, _selection.Anchor).ShouldBe((-1, null));
    }

    private Task ClickAsync(int index, bool extend = false, bool toggle = false) =>
        _selection.ClickAsync(index, Listing[index], extend, toggle);

    private static NodeInfo Item(long id, string name) =>
        new(id, name, $"/Private/alice/{name}", IsFolder: false, Size: 1, "text/plain", ContentHash: null, Version: 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, ModifiedBy: null);
}
