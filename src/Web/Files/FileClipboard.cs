using Strata.Domain.Files;

namespace Strata.Web.Files;

/// <summary>
/// What Ctrl+C or Ctrl+X took in the folder view, for Ctrl+V in another folder. One per browser tab (a scoped
/// service lives as long as the circuit), so it outlasts moving between folders and pages.
/// </summary>
public sealed class FileClipboard
{
    private HashSet<long> _ids = [];

    public IReadOnlyList<NodeInfo> Items { get; private set; } = [];

    public TransferMode Mode { get; private set; }

    public void Take(IReadOnlyList<NodeInfo> items, TransferMode mode)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        Mode = mode;
        _ids = items.Select(i => i.Id).ToHashSet();
    }

    /// <summary>Cut items show faded until they are pasted, as in a desktop file manager.</summary>
    public bool IsCut(NodeInfo item) => Mode == TransferMode.Move && _ids.Contains(item.Id);

    public void Clear() => Take([], TransferMode.Copy);
}
