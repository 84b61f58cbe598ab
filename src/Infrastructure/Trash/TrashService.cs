using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Trash;

/// <summary>
/// What was deleted: listing, restoring and purging trashed trees, and the retention purge. Putting items into the
/// trash is a file operation (<see cref="FileService.TrashAsync"/>); everything after it is here.
/// </summary>
public sealed class TrashService(IDbContextFactory<StrataDbContext> dbFactory, FileService files, PermissionService permissions)
{
    private const int DeleteBatch = 500;

    /// <summary>The trashed items (roots of trashed trees) the caller may see, newest first.</summary>
    public async IAsyncEnumerable<TrashItem> ListTrashAsync(Caller caller, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var shared = NodeName.Fold("/" + NodePath.SharedArea + "/");
        var own = NodePath.Private(caller.UserName).Key + "/";
        var access = await permissions.ForTrashAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var roots = db.Nodes.AsNoTracking()
            .Where(n => n.TrashRootId == n.Id && (n.PathKey.StartsWith(shared) || n.PathKey.StartsWith(own)))
            .OrderByDescending(n => n.TrashedAt)
            .Select(n => new TrashItem(n.Id, n.Name, n.Path, n.IsFolder, n.Size, n.TrashedAt!.Value, n.TrashedBy));
        await foreach (var item in roots.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (access.CanSee(NodePath.Parse(item.OriginalPath)))
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// Puts a trashed item back where it was, recreating missing parent folders; when its name is taken
    /// there it comes back as "name (restored)".
    /// </summary>
    public async Task<Result<NodeInfo>> RestoreAsync(Caller caller, long trashId, CancellationToken cancellationToken)
    {
        var access = await permissions.ForTrashAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await FindVisibleAsync(db, access, trashId, cancellationToken) is not ({ } node, { } original))
        {
            return Result<NodeInfo>.Fail(ResultStatus.NotFound, NoSuchItem(trashId));
        }

        // Coming back to life: whether the caller may write there is a question for the live rights.
        if (FileService.Decide(await permissions.ForAsync(caller, cancellationToken), original.Parent, Operation.Write) is { } denied)
        {
            return denied;
        }

        var parent = await files.EnsureFolderChainAsync(db, original.Parent, caller.UserId, cancellationToken);
        var target = await FreePathAsync(db, original, cancellationToken);
        var descendants = await db.Nodes.Where(n => n.TrashRootId == trashId && n.Id != trashId).ToListAsync(cancellationToken);
        foreach (var item in descendants.Append(node))
        {
            if (!target.Equals(original))
            {
                item.SetPath(NodePath.Parse(item.Path).Rebase(original, target));
            }

            item.TrashedAt = null;
            item.TrashedBy = null;
            item.TrashRootId = null;
        }

        node.ParentId = parent.Id;
        await files.SaveWithEventAsync(db, JournalEventType.Restored, node, caller.UserId, target.Equals(original) ? null : original.Value, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        files.InvalidateIfFolder(node);
        return Result<NodeInfo>.Ok(NodeInfo.From(node));
    }

    /// <summary>Deletes a trashed item for good; its blobs become garbage once nothing else references them.</summary>
    public async Task<Result<TrashItem>> PurgeAsync(Caller caller, long trashId, CancellationToken cancellationToken)
    {
        var access = await permissions.ForTrashAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await FindVisibleAsync(db, access, trashId, cancellationToken) is not ({ } node, { } original))
        {
            return Result<TrashItem>.Fail(ResultStatus.NotFound, NoSuchItem(trashId));
        }

        if (FileService.Decide(access, original, Operation.Remove, node.CreatedBy) is { } denied)
        {
            return denied.As<TrashItem>();
        }

        var item = new TrashItem(node.Id, node.Name, node.Path, node.IsFolder, node.Size, node.TrashedAt!.Value, node.TrashedBy);
        await PurgeTreeAsync(db, node, caller.UserId, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        files.InvalidateIfFolder(node);
        return Result<TrashItem>.Ok(item);
    }

    /// <summary>
    /// Purges every item of the caller's trash they may purge, one at a time; items others deleted in shared folders
    /// that the caller may not remove stay, and are counted.
    /// </summary>
    public async Task<EmptyTrashResult> EmptyAsync(Caller caller, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await foreach (var item in ListTrashAsync(caller, cancellationToken))
        {
            ids.Add(item.Id);
        }

        var purged = 0;
        foreach (var id in ids)
        {
            purged += (await PurgeAsync(caller, id, cancellationToken)).Succeeded ? 1 : 0;
        }

        return new EmptyTrashResult(purged, ids.Count - purged);
    }

    /// <summary>Purges every trashed item trashed before <paramref name="cutoff"/> (the retention job). Returns how many.</summary>
    public async Task<int> PurgeTrashedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expired = await db.Nodes.AsNoTracking()
            .Where(n => n.TrashRootId == n.Id && n.TrashedAt < cutoff)
            .Select(n => n.Id)
            .ToListAsync(cancellationToken);
        foreach (var id in expired)
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == id && n.TrashRootId == id, cancellationToken);
            if (node is not null)
            {
                await PurgeTreeAsync(db, node, actor: null, cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return expired.Count;
    }

    /// <summary>The trashed item with that id and the path it had, unless the caller may not see it there.</summary>
    private static async Task<(Node Node, NodePath Original)?> FindVisibleAsync(StrataDbContext db, AccessEvaluator access, long trashId, CancellationToken cancellationToken)
    {
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == trashId && n.TrashRootId == trashId, cancellationToken);
        if (node is null)
        {
            return null;
        }

        var original = NodePath.Parse(node.Path);
        return access.Evaluate(original, Operation.Read) == AccessDecision.Hidden ? null : (node, original);
    }

    private static string NoSuchItem(long trashId) => $"Trash item {trashId} does not exist.";

    private async Task PurgeTreeAsync(StrataDbContext db, Node root, string? actor, CancellationToken cancellationToken)
    {
        // Items trashed earlier from inside this folder are purged with it: they would lose their parent.
        var trashedBelow = await db.Nodes.SubtreeByKey(root.PathKey)
            .Where(n => n.TrashedAt != null)
            .Select(n => new { n.Id, n.ParentId, n.Path })
            .ToListAsync(cancellationToken);
        var children = trashedBelow.ToLookup(n => n.ParentId);
        var doomed = new List<(long Id, int Depth)> { (root.Id, 0) };
        for (var i = 0; i < doomed.Count; i++)
        {
            doomed.AddRange(children[doomed[i].Id].Select(c => (c.Id, doomed[i].Depth + 1)));
        }

        await files.SaveWithEventAsync(db, JournalEventType.Purged, root, actor, oldPath: null, cancellationToken);
        foreach (var batch in doomed.OrderByDescending(d => d.Depth).Select(d => d.Id).Chunk(DeleteBatch))
        {
            await db.FileVersions.Where(v => batch.Contains(v.NodeId)).ExecuteDeleteAsync(cancellationToken);
            await db.Nodes.Where(n => batch.Contains(n.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private static async Task<NodePath> FreePathAsync(StrataDbContext db, NodePath original, CancellationToken cancellationToken)
    {
        var candidate = original;
        for (var attempt = 1; await db.Nodes.FindLive(candidate).AnyAsync(cancellationToken); attempt++)
        {
            var suffix = attempt == 1 ? " (restored)" : $" (restored {attempt})";
            candidate = original.Name.TryWithSuffix(suffix, out var renamed)
                ? original.Parent.Append(renamed)
                : throw new InvalidOperationException($"'{original}' has no free restore name.");
        }

        return candidate;
    }
}
