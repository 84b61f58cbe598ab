using Strata.Domain.Files;

namespace Strata.Infrastructure.Persistence;

/// <summary>
/// Where nodes are found, for every feature that reads the namespace: each is an indexed lookup on the path hash or
/// a range scan on the folded path, and "live" means not in the trash.
/// </summary>
public static class NodeQueries
{
    public static IQueryable<Node> FindLive(this IQueryable<Node> nodes, NodePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var hash = Node.HashKey(path.Key);
        return nodes.Where(n => n.PathHash == hash && n.TrashedAt == null);
    }

    /// <summary>The live nodes at any of <paramref name="paths"/>: one query, an indexed lookup for each.</summary>
    public static IQueryable<Node> FindLive(this IQueryable<Node> nodes, IReadOnlyCollection<NodePath> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var hashes = paths.Select(p => Node.HashKey(p.Key)).Distinct().ToList();
        return nodes.Where(n => hashes.Contains(n.PathHash) && n.TrashedAt == null);
    }

    /// <summary>The live descendants of a folder: a range scan on the folded path, bounded by the '/' separator.</summary>
    public static IQueryable<Node> LiveSubtree(this IQueryable<Node> nodes, Node folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return nodes.SubtreeByKey(folder.PathKey).Where(n => n.TrashedAt == null);
    }

    /// <summary>A live node and its live descendants: one indexed lookup and one range scan.</summary>
    public static IQueryable<Node> LiveTree(this IQueryable<Node> nodes, NodePath root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return nodes.FindLive(root).Concat(nodes.SubtreeByKey(root.Key).Where(n => n.TrashedAt == null));
    }

    /// <summary>Every descendant of the folder whose folded path is <paramref name="folderKey"/>, live or trashed.</summary>
    public static IQueryable<Node> SubtreeByKey(this IQueryable<Node> nodes, string folderKey)
    {
        // Every descendant key starts with "<key>/"; '0' is the character after '/', so this is a prefix range.
        var from = folderKey + "/";
        var to = folderKey + "0";
#pragma warning disable CA1309 // Translated to SQL, where keys compare by the column's (binary) collation.
        return nodes.Where(n => string.Compare(n.PathKey, from) >= 0 && string.Compare(n.PathKey, to) < 0);
#pragma warning restore CA1309
    }
}
