using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;

namespace Strata.Web.Files;

/// <summary>
/// The folder a view shows, in the order it is sorted, read a window at a time (only what the view draws is queried,
/// so a folder of 100,000 entries opens as fast as one of ten). The root lists the caller's areas.
/// </summary>
public sealed class FolderContents(FileService files)
{
    private long _folderId;
    private Caller _caller = null!;

    public NodePath Folder { get; private set; } = NodePath.Root;

    /// <summary>The path named no folder the caller may see.</summary>
    public bool Missing { get; private set; }

    /// <summary>The number of entries, as of the last window read.</summary>
    public int Total { get; private set; }

    public ChildOrder Order { get; private set; } = ChildOrder.Name;

    public bool Descending { get; private set; }

    /// <summary>Opens the folder at <paramref name="path"/>; false when that is no path at all (the view keeps the last folder's trail).</summary>
    public async Task<bool> OpenAsync(Caller caller, string? path, CancellationToken cancellationToken)
    {
        _caller = caller;
        if (!NodePath.TryParse(path, out var folder, out _))
        {
            Missing = true;
            return false;
        }

        (Folder, Missing, _folderId) = (folder, false, 0);
        if (!folder.IsRoot)
        {
            var node = await files.GetAsync(caller, folder, cancellationToken);
            Missing = !node.Succeeded || !node.Value.IsFolder;
            _folderId = node.Value?.Id ?? 0;
        }

        return true;
    }

    /// <summary>Sorts by another column, or the other way round when it is the same one.</summary>
    public void SortBy(ChildOrder order) => (Order, Descending) = (order, order == Order && !Descending);

    public async Task<IReadOnlyList<NodeInfo>> WindowAsync(int start, int count, CancellationToken cancellationToken)
    {
        if (Missing)
        {
            Total = 0;
            return [];
        }

        if (Folder.IsRoot)
        {
            var areas = await files.ListRootAsync(_caller, cancellationToken);
            Total = areas.Count;
            return areas.Skip(start).Take(count).ToList();
        }

        var page = await files.ListChildrenPageAsync(_caller, _folderId, Folder, Order, Descending, start, count, cancellationToken);
        Total = page.Total;
        return page.Items;
    }
}
