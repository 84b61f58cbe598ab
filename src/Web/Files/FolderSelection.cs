using Strata.Domain.Files;

namespace Strata.Web.Files;

/// <summary>
/// The folder view's selection, as a desktop file manager has it: a click selects one item, Ctrl (⌘) toggles one,
/// Shift selects the range from the anchor (the last item clicked or moved to) to the item, and the keyboard's focus
/// moves one item, a screenful or to either end, with Shift extending the range. Items are known by their position in
/// the listing's current order; a range reads its items through <paramref name="window"/> (start, count), so one far
/// beyond what the view has drawn is selected without loading the folder.
/// </summary>
public sealed class FolderSelection(Func<int, int, Task<IReadOnlyList<NodeInfo>>> window)
{
    private readonly Dictionary<long, NodeInfo> _items = [];

    /// <summary>The keyboard's item, -1 before any.</summary>
    public int Focus { get; private set; } = -1;

    /// <summary>Where a Shift range starts.</summary>
    public int? Anchor { get; private set; }

    public int Count => _items.Count;

    public IReadOnlyCollection<NodeInfo> Items => _items.Values;

    /// <summary>The one selected item, else null.</summary>
    public NodeInfo? Only => _items.Count == 1 ? _items.Values.Single() : null;

    public bool Contains(NodeInfo item) => _items.ContainsKey(item.Id);

    /// <summary>Unselects everything, keeping the focus and the anchor (the listing's order did not move).</summary>
    public void Clear() => _items.Clear();

    /// <summary>Another folder: nothing selected, nothing focused.</summary>
    public void Reset()
    {
        _items.Clear();
        (Focus, Anchor) = (-1, null);
    }

    /// <summary>A click on an item: <paramref name="extend"/> (Shift) selects the range from the anchor, <paramref name="toggle"/> (Ctrl, ⌘) adds or removes the item.</summary>
    public async Task ClickAsync(int index, NodeInfo item, bool extend, bool toggle)
    {
        if (extend && Anchor is { } anchor)
        {
            await SelectRangeAsync(anchor, index);
        }
        else if (toggle)
        {
            if (!_items.Remove(item.Id))
            {
                _items[item.Id] = item;
            }

            Anchor = index;
        }
        else
        {
            _items.Clear();
            _items[item.Id] = item;
            Anchor = index;
        }

        Focus = index;
    }

    /// <summary>A right-click on an item outside the selection selects that item alone; inside, it keeps the selection.</summary>
    public async Task PointAtAsync(int index, NodeInfo item)
    {
        if (!Contains(item))
        {
            await ClickAsync(index, item, extend: false, toggle: false);
        }

        Focus = index;
    }

    public Task SelectAllAsync(int total) => SelectRangeAsync(0, Math.Max(0, total - 1));

    /// <summary>Moves the focus by <paramref name="step"/> items (from before the first when there is no focus yet).</summary>
    public Task<bool> MoveFocusAsync(int step, bool extend, int total) => FocusOnAsync(Focus + step, extend, total);

    /// <summary>
    /// Moves the focus to an item (kept within the listing), selecting it alone or, extending, the range from the
    /// anchor to it. False when the listing is empty and there is nothing to focus.
    /// </summary>
    public async Task<bool> FocusOnAsync(int index, bool extend, int total)
    {
        if (total == 0)
        {
            return false;
        }

        Focus = Math.Clamp(index, 0, total - 1);
        if (extend && Anchor is { } anchor)
        {
            await SelectRangeAsync(anchor, Focus);
            return true;
        }

        Anchor = Focus;
        _items.Clear();
        if (await window(Focus, 1) is [var focused])
        {
            _items[focused.Id] = focused;
        }

        return true;
    }

    private async Task SelectRangeAsync(int from, int to)
    {
        var (start, end) = from <= to ? (from, to) : (to, from);
        var range = await window(start, end - start + 1);
        _items.Clear();
        foreach (var item in range)
        {
            _items[item.Id] = item;
        }
    }
}
