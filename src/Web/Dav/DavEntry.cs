using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Dav;
using Strata.Infrastructure.Tags;

namespace Strata.Web.Dav;

/// <summary>One resource in a PROPFIND answer: the node and its canonical path.</summary>
internal sealed record DavEntry(NodeInfo Node, NodePath Path)
{
    /// <summary>The root of <c>/dav/</c> has no node: it is the virtual parent of <c>/Shared</c> and <c>/Private</c>.</summary>
    public static DavEntry Root { get; } = new(
        new NodeInfo(0, string.Empty, "/", IsFolder: true, 0, null, null, 0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null),
        NodePath.Root);

    public string Href => DavPaths.Href(Path, Node.IsFolder);

    public bool IsCollection => Node.IsFolder;
}

/// <summary>
/// What a PROPFIND answer needs beyond the nodes, each fetched once per request rather than per entry:
/// locks in the listed scope, dead properties and checksums of the listed nodes, quota of the target.
/// </summary>
internal sealed class PropertyContext(AccessEvaluator access)
{
    public AccessEvaluator Access { get; } = access;

    public IReadOnlyList<DavLock> Locks { get; set; } = [];

    public ILookup<long, DeadProperty> DeadProperties { get; set; } = Array.Empty<DeadProperty>().ToLookup(p => p.NodeId);

    public IReadOnlyDictionary<string, BlobChecksum> ChecksumsByContent { get; set; } = new Dictionary<string, BlobChecksum>();

    /// <summary>The request target's id: quota-used-bytes is answered for it only (a subtree sum per member would be one query each).</summary>
    public long? QuotaTarget { get; set; }

    public long? QuotaUsed { get; set; }

    public long? QuotaAvailable { get; set; }

    /// <summary>The tags and stars of the answer's items, read in one query; items without any are absent.</summary>
    public IReadOnlyDictionary<long, ItemMarks> Marks { get; set; } = new Dictionary<long, ItemMarks>();

    public ItemMarks MarksOf(long nodeId) => Marks.GetValueOrDefault(nodeId, ItemMarks.None);

    public IEnumerable<DavLock> LocksOn(NodePath path) =>
        Locks.Where(l => DavLockQueries.Covers(l, path));
}
