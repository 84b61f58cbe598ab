using Microsoft.EntityFrameworkCore;
using Strata.Domain.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Dav;

/// <summary>One change of a PROPPATCH: a value to set, or null to remove the property.</summary>
public sealed record PropertyChange(string Namespace, string Name, string? Value);

/// <summary>Dead properties per node.</summary>
public sealed class DeadPropertyStore(IDbContextFactory<StrataDbContext> dbFactory)
{
    public async Task<IReadOnlyList<DeadProperty>> ForNodeAsync(long nodeId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DeadProperties.AsNoTracking().Where(p => p.NodeId == nodeId).ToListAsync(cancellationToken);
    }

    /// <summary>The dead properties of a folder's live children, in one query; only nodes that have any appear.</summary>
    public async Task<ILookup<long, DeadProperty>> ForChildrenAsync(long folderId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var properties = await db.DeadProperties.AsNoTracking()
            .Where(p => db.Nodes.Any(n => n.Id == p.NodeId && n.ParentId == folderId && n.TrashedAt == null))
            .ToListAsync(cancellationToken);
        return properties.ToLookup(p => p.NodeId);
    }

    /// <summary>Applies every change in order, in one transaction: PROPPATCH is all or nothing (RFC 4918 §9.2).</summary>
    public async Task ApplyAsync(long nodeId, IReadOnlyList<PropertyChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.DeadProperties.Where(p => p.NodeId == nodeId).ToListAsync(cancellationToken);
        foreach (var change in changes)
        {
            var current = existing.FirstOrDefault(p => p.Namespace == change.Namespace && p.Name == change.Name);
            if (change.Value is null)
            {
                if (current is not null)
                {
                    db.DeadProperties.Remove(current);
                    existing.Remove(current);
                }
            }
            else if (current is not null)
            {
                current.Value = change.Value;
            }
            else
            {
                var added = new DeadProperty { NodeId = nodeId, Namespace = change.Namespace, Name = change.Name, Value = change.Value };
                db.DeadProperties.Add(added);
                existing.Add(added);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Gives the copy of a tree the dead properties of the original (COPY duplicates properties, RFC 4918 §9.8.2):
    /// one query for the originals' properties, one for the copies' ids and one SaveChanges, whatever the tree's size.
    /// </summary>
    public async Task CopyTreeAsync(NodePath source, NodePath destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var originals = await db.DeadProperties.AsNoTracking()
            .Join(db.Nodes.LiveTree(source), p => p.NodeId, n => n.Id, (p, n) => new { Property = p, n.Path })
            .ToListAsync(cancellationToken);
        if (originals.Count == 0)
        {
            return;
        }

        // A depth-0 copy has no members, so some originals may have no copy: they are skipped.
        var copies = await db.Nodes.LiveTree(destination)
            .Select(n => new { n.PathKey, n.Id })
            .ToDictionaryAsync(n => n.PathKey, n => n.Id, StringComparer.Ordinal, cancellationToken);
        foreach (var original in originals)
        {
            if (copies.TryGetValue(NodePath.Parse(original.Path).Rebase(source, destination).Key, out var copyId))
            {
                db.DeadProperties.Add(new DeadProperty { NodeId = copyId, Namespace = original.Property.Namespace, Name = original.Property.Name, Value = original.Property.Value });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Gives one node the dead properties of another (a file copied or moved over an existing one), replacing those of
    /// the same name and keeping the rest. Properties stay with a trashed node, so the source may be in the trash.
    /// </summary>
    public async Task CopyNodeAsync(long fromNodeId, long toNodeId, CancellationToken cancellationToken)
    {
        List<PropertyChange> originals;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            originals = await db.DeadProperties.AsNoTracking().Where(p => p.NodeId == fromNodeId)
                .Select(p => new PropertyChange(p.Namespace, p.Name, p.Value)).ToListAsync(cancellationToken);
        }

        if (originals.Count > 0)
        {
            await ApplyAsync(toNodeId, originals, cancellationToken);
        }
    }
}
