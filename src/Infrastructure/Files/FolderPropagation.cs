using Microsoft.EntityFrameworkCore;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Files;

/// <summary>
/// Gives the folders above a change a new modification time, and so a new ETag, in the change's transaction: sync
/// clients (ownCloud's and Nextcloud's, rclone's) poll a folder's ETag and walk into it only when it changed, so a
/// change three levels down must show at the top. A folder's ETag is its id and this time in milliseconds, so every
/// stamp is a millisecond later than the last one this process gave, even for two changes in one millisecond.
/// </summary>
public sealed class FolderPropagation(TimeProvider clock)
{
    /// <summary>
    /// Folders stamped by one UPDATE, each hash a parameter of its own: with a list parameter instead, EF Core built
    /// the statement's SQL again on every run, which was most of what a batch's stamping cost.
    /// </summary>
    private const int HashesPerUpdate = 4;

    private long _lastStamp;

    /// <summary>
    /// The paths whose ancestors a journalled change touches: for a move, those above where it was and where it is;
    /// a purge takes from the trash only, which no live folder holds.
    /// </summary>
    public static IEnumerable<NodePath> ChangedPaths(JournalEventType type, Node node, string? oldPath)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (type == JournalEventType.Purged)
        {
            yield break;
        }

        yield return NodePath.Parse(node.Path);
        if (oldPath is not null)
        {
            yield return NodePath.Parse(oldPath);
        }
    }

    /// <summary>Sets the modification time of every live folder above <paramref name="changed"/> to one new stamp.</summary>
    public async Task TouchAncestorsAsync(StrataDbContext db, IEnumerable<NodePath> changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hashes = changed.SelectMany(Ancestors).Distinct().Select(p => Node.HashKey(p.Key)).ToList();
        if (hashes.Count == 0)
        {
            return;
        }

        var stamp = NextStamp();
        foreach (var chunk in hashes.Chunk(HashesPerUpdate))
        {
            // The last hash again in the unused slots: the statement keeps one shape.
            var slots = chunk.Concat(Enumerable.Repeat(chunk[^1], HashesPerUpdate - chunk.Length)).ToArray();
            string a = slots[0], b = slots[1], c = slots[2], d = slots[3];
            await db.Nodes.Where(n => (n.PathHash == a || n.PathHash == b || n.PathHash == c || n.PathHash == d) && n.TrashedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ModifiedAt, stamp), cancellationToken);
        }

        // Folders this context already holds (a batch's parents) must not write their old time back, nor show it.
        foreach (var tracked in db.ChangeTracker.Entries<Node>().Where(e => e.Entity.IsFolder && hashes.Contains(e.Entity.PathHash)))
        {
            tracked.Property(n => n.ModifiedAt).OriginalValue = stamp;
            tracked.Entity.ModifiedAt = stamp;
        }
    }

    private DateTimeOffset NextStamp()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        long last, next;
        do
        {
            last = Volatile.Read(ref _lastStamp);
            next = Math.Max(now, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastStamp, next, last) != last);

        return DateTimeOffset.FromUnixTimeMilliseconds(next);
    }

    private static IEnumerable<NodePath> Ancestors(NodePath path)
    {
        for (var folder = path.IsRoot ? path : path.Parent; !folder.IsRoot; folder = folder.Parent)
        {
            yield return folder;
        }
    }
}
