using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Dav;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Files;

public sealed partial class FileService
{
    /// <summary>
    /// Sets a node's modification time (a sync client keeping the source's time, <c>X-OC-Mtime</c>),
    /// with the permission a content write would need.
    /// </summary>
    public async Task<Result<NodeInfo>> SetModifiedAsync(Caller caller, NodePath path, DateTimeOffset modifiedAt, CancellationToken cancellationToken)
    {
        var access = await permissions.ForAsync(caller, cancellationToken);
        return await batcher.CommitAsync(async (db, touched, ct) =>
        {
            var (parent, node) = await ResolveParentForWriteAsync(db, access, path, ct);
            if (!parent.Succeeded)
            {
                return parent.As<NodeInfo>();
            }

            if (node is null)
            {
                return NotFound<NodeInfo>(path);
            }

            if (await CheckUnlockedAsync(db, caller, path, withMembers: false, ct) is { } locked)
            {
                return locked;
            }

            node.ModifiedAt = modifiedAt;
            node.ModifiedBy = caller.UserId;
            await SaveWithEventAsync(db, JournalEventType.Touched, node, caller.UserId, oldPath: null, ct, touched);
            return Result<NodeInfo>.Ok(NodeInfo.From(node));
        }, cancellationToken);
    }

    /// <summary>
    /// Refuses a change when another user holds a WebDAV lock over it, whichever front door asks. A holder
    /// of one of the locks passes here (shared locks have several holders); the WebDAV front door
    /// additionally demands the lock token (RFC 4918 §7).
    /// </summary>
    private async Task<Result<NodeInfo>?> CheckUnlockedAsync(StrataDbContext db, Caller caller, NodePath path, bool withMembers, CancellationToken cancellationToken)
    {
        var locks = await DavLockQueries.AffectingAsync(db, path, withMembers, clock.GetUtcNow(), cancellationToken);
        return locks.Count == 0 || locks.Any(l => l.OwnerId == caller.UserId)
            ? null
            : Result<NodeInfo>.Fail(ResultStatus.Locked, $"'{locks[0].Path}' is locked by another user.");
    }

    /// <summary>A path that stops existing takes its locks with it (RFC 4918 §7.5: locks do not follow a move).</summary>
    private static Task<int> DropLocksAsync(StrataDbContext db, NodePath path, CancellationToken cancellationToken) =>
        DavLockQueries.AtOrBelow(db.DavLocks, path).ExecuteDeleteAsync(cancellationToken);
}
