using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Files;

/// <summary>How a folder's children are ordered; folders always come first.</summary>
public enum ChildOrder
{
    Name,
    Size,
    Modified,
}

/// <summary>One window of a folder listing and the folder's total, for virtualised views of huge folders.</summary>
public sealed record ChildrenPage(IReadOnlyList<NodeInfo> Items, int Total);

public sealed partial class FileService
{
    /// <summary><see cref="NodeName.IsFinderMetadata"/> as a query can run it.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<Node, bool>> WithoutFinderMetadata =
        n => !n.Name.StartsWith(NodeName.AppleDoublePrefix) && n.Name != NodeName.FolderViewSettings;

    private static readonly NodePath[] RootAreas = [NodePath.Parse(NodePath.SharedArea), NodePath.Parse(NodePath.PrivateArea)];

    /// <summary>
    /// The children of the virtual root, for every front door that lists it: <c>/Shared</c> then <c>/Private</c>, those
    /// the caller may see, in one query.
    /// </summary>
    public Task<IReadOnlyList<NodeInfo>> ListRootAsync(Caller caller, CancellationToken cancellationToken) =>
        GetManyAsync(caller, RootAreas, cancellationToken);

    public async Task<ChildrenPage> ListChildrenPageAsync(
        Caller caller, long folderId, NodePath folderPath, ChildOrder order, bool descending, int skip, int take, CancellationToken cancellationToken)
    {
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var children = VisibleChildren(db, access, folderId, folderPath, withFinderMetadata: false);
        var total = await children.CountAsync(cancellationToken);
        var foldersFirst = children.OrderByDescending(n => n.IsFolder);
        var ordered = (order, descending) switch
        {
            (ChildOrder.Size, false) => foldersFirst.ThenBy(n => n.Size),
            (ChildOrder.Size, true) => foldersFirst.ThenByDescending(n => n.Size),
            (ChildOrder.Modified, false) => foldersFirst.ThenBy(n => n.ModifiedAt),
            (ChildOrder.Modified, true) => foldersFirst.ThenByDescending(n => n.ModifiedAt),
            (_, false) => foldersFirst.ThenBy(n => n.SortKey),
            (_, true) => foldersFirst.ThenByDescending(n => n.SortKey),
        };
        var items = await ordered.ThenBy(n => n.Id).Skip(skip).Take(take).Select(NodeInfo.Projection).ToListAsync(cancellationToken);
        return new ChildrenPage(items, total);
    }

    /// <summary>
    /// Which of <paramref name="names"/> are taken in the folder (compared as the folder compares them:
    /// case-insensitively, NFC), in one query; empty when the caller may not read the folder.
    /// </summary>
    public async Task<IReadOnlySet<string>> TakenNamesAsync(Caller caller, NodePath folder, IReadOnlyCollection<NodeName> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (Decide(await permissions.ForAsync(caller, cancellationToken), folder, Operation.Read) is not null || names.Count == 0)
        {
            return new HashSet<string>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = names.Select(n => n.Key).Distinct().ToList();
        var parent = db.Nodes.FindLive(folder).Select(n => (long?)n.Id);
        var taken = await db.Nodes.AsNoTracking()
            .Where(n => n.ParentId == parent.FirstOrDefault() && n.TrashedAt == null && keys.Contains(n.NameKey))
            .Select(n => n.NameKey)
            .ToListAsync(cancellationToken);
        return taken.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The most recently modified files the caller can see: in <c>/Shared</c> and in their own private folder.</summary>
    public async Task<IReadOnlyList<NodeInfo>> RecentFilesAsync(Caller caller, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var shared = db.Nodes.SubtreeByKey(NodePath.Parse("/" + NodePath.SharedArea).Key);
        var own = db.Nodes.SubtreeByKey(NodePath.Private(caller.UserName).Key);
        var newest = shared.Concat(own).AsNoTracking()
            .Where(n => !n.IsFolder && n.TrashedAt == null)
            .Where(WithoutFinderMetadata)
            .OrderByDescending(n => n.ModifiedAt)
            .ThenByDescending(n => n.Id)
            .Select(NodeInfo.Projection);

        // Governed folders hide some files; page on until enough visible ones are found.
        var visible = new List<NodeInfo>(take);
        for (var skip = 0; visible.Count < take; skip += take)
        {
            var page = await newest.Skip(skip).Take(take).ToListAsync(cancellationToken);
            visible.AddRange(page.Where(f => access.CanSee(NodePath.Parse(f.Path))).Take(take - visible.Count));
            if (page.Count < take)
            {
                break;
            }
        }

        return visible;
    }

    /// <summary>The bytes held by the live files below a folder (quota-used-bytes): one aggregate over the subtree range.</summary>
    public async Task<long?> SubtreeSizeAsync(Caller caller, NodePath folderPath, CancellationToken cancellationToken)
    {
        if (Decide(await permissions.ForAsync(caller, cancellationToken), folderPath, Operation.Read) is not null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Nodes.SubtreeByKey(folderPath.Key).Where(n => n.TrashedAt == null && !n.IsFolder).SumAsync(n => n.Size, cancellationToken);
    }

    /// <summary>
    /// The live children of a folder that the caller may see, as one query: the names to show or hide come
    /// from the grants in memory, never from a check per child. Finder's metadata only when asked for.
    /// </summary>
    internal static IQueryable<Node> VisibleChildren(StrataDbContext db, AccessEvaluator access, long folderId, NodePath folderPath, bool withFinderMetadata)
    {
        ArgumentNullException.ThrowIfNull(folderPath);
        var children = db.Nodes.AsNoTracking().Where(n => n.ParentId == folderId && n.TrashedAt == null);
        if (!withFinderMetadata)
        {
            children = children.Where(WithoutFinderMetadata);
        }

        var filter = access.ChildrenOf(folderPath);
        var keys = filter.Keys.ToList();
        if (filter.IsAllowList)
        {
            return children.Where(n => keys.Contains(n.NameKey));
        }

        return keys.Count == 0 ? children : children.Where(n => !keys.Contains(n.NameKey));
    }
}
