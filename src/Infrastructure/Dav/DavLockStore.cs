using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Dav;

/// <summary>
/// The WebDAV lock table: create with conflict detection, refresh, release, and the lookups lock discovery and the If
/// header need. Granting and releasing a lock are journalled with it, so open folders show the change live.
/// </summary>
public sealed class DavLockStore(IDbContextFactory<StrataDbContext> dbFactory, IOptions<DavOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Serialises conflict check and insert within this process: two clients racing for an exclusive lock
    /// must not both win. A scaled-out deployment would need a database-side guard as well.
    /// </summary>
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Live locks whose scope includes <paramref name="path"/>.</summary>
    public async Task<IReadOnlyList<DavLock>> CoveringAsync(NodePath path, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await DavLockQueries.Covering(db.DavLocks.AsNoTracking(), path, clock.GetUtcNow()).ToListAsync(cancellationToken);
    }

    /// <summary>Live locks a change of <paramref name="path"/> must present a token for (see <see cref="DavLockQueries.AffectingAsync"/>).</summary>
    public async Task<IReadOnlyList<DavLock>> AffectingAsync(NodePath path, bool withMembers, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await DavLockQueries.AffectingAsync(db, path, withMembers, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>Live locks covering <paramref name="folder"/> or rooted anywhere below it: one query for a whole listing.</summary>
    public async Task<IReadOnlyList<DavLock>> ForListingAsync(NodePath folder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var covering = DavLockQueries.Covering(db.DavLocks.AsNoTracking(), folder, now);
        var below = DavLockQueries.AtOrBelow(db.DavLocks.AsNoTracking(), folder).Where(l => l.ExpiresAt > now);
        return await covering.Union(below).ToListAsync(cancellationToken);
    }

    public async Task<DavLock?> FindAsync(string token, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.DavLocks.AsNoTracking().FirstOrDefaultAsync(l => l.Token == token && l.ExpiresAt > now, cancellationToken);
    }

    /// <summary>
    /// Grants a new lock unless a live lock conflicts (any lock against an exclusive request, an exclusive
    /// one against a shared request) or the owner already holds <see cref="DavOptions.MaxLocksPerUser"/> locks.
    /// </summary>
    public async Task<LockOutcome> LockAsync(
        NodePath path, Caller owner, bool shared, bool deep, string? ownerXml, int timeoutSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(owner);
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            await db.DavLocks.Where(l => l.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
            var covering = DavLockQueries.Covering(db.DavLocks, path, now);
            var candidates = deep ? covering.Union(DavLockQueries.AtOrBelow(db.DavLocks, path).Where(l => l.ExpiresAt > now)) : covering;
            var conflict = await candidates.Where(l => !shared || !l.IsShared).Select(l => l.Path).FirstOrDefaultAsync(cancellationToken);
            if (conflict is not null)
            {
                return new LockOutcome { ConflictRoot = conflict };
            }

            var held = db.DavLocks.Where(l => l.OwnerId == owner.UserId);
            if (await held.CountAsync(cancellationToken) >= options.Value.MaxLocksPerUser)
            {
                return new LockOutcome { LimitLiftsAt = await held.OrderBy(l => l.ExpiresAt).Select(l => l.ExpiresAt).FirstAsync(cancellationToken) };
            }

            var granted = new DavLock
            {
                Token = "urn:uuid:" + Guid.NewGuid().ToString("D"),
                Path = path.Value,
                PathKey = path.Key,
                IsShared = shared,
                IsDeep = deep,
                OwnerId = owner.UserId,
                OwnerName = owner.UserName,
                OwnerXml = ownerXml,
                TimeoutSeconds = timeoutSeconds,
                ExpiresAt = now.AddSeconds(timeoutSeconds),
            };
            db.DavLocks.Add(granted);
            db.Journal.Add(await LockEventAsync(db, JournalEventType.Locked, path, owner, now, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            return new LockOutcome { Granted = granted };
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Extends a live lock by a new timeout; null when it is gone.</summary>
    public async Task<DavLock?> RefreshAsync(string token, int timeoutSeconds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var found = await db.DavLocks.FirstOrDefaultAsync(l => l.Token == token && l.ExpiresAt > now, cancellationToken);
        if (found is null)
        {
            return null;
        }

        found.TimeoutSeconds = timeoutSeconds;
        found.ExpiresAt = now.AddSeconds(timeoutSeconds);
        await db.SaveChangesAsync(cancellationToken);
        return found;
    }

    /// <summary>A lock is released by its owner or by an administrator (the rule for every front door).</summary>
    public static bool CanRelease(Caller caller, DavLock davLock)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(davLock);
        return davLock.OwnerId == caller.UserId || caller.IsAdmin;
    }

    /// <summary>Releases the lock, journalled as <paramref name="caller"/>'s doing; false when it was already gone.</summary>
    public async Task<bool> UnlockAsync(string token, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.DavLocks.FirstOrDefaultAsync(l => l.Token == token, cancellationToken);
        if (found is null)
        {
            return false;
        }

        db.DavLocks.Remove(found);
        db.Journal.Add(await LockEventAsync(db, JournalEventType.Unlocked, NodePath.Parse(found.Path), caller, clock.GetUtcNow(), cancellationToken));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Released by someone else meanwhile (or removed with its path): nothing left to release or to journal.
            return false;
        }
    }

    /// <summary>The journal entry for a lock change: about the path, with its live node when there is one yet.</summary>
    private static async Task<JournalEvent> LockEventAsync(
        StrataDbContext db, JournalEventType type, NodePath path, Caller actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var node = await db.Nodes.FindLive(path).Select(n => new { n.Id, n.IsFolder }).FirstOrDefaultAsync(cancellationToken);
        return JournalEvent.AtPath(type, path, node?.Id, node?.IsFolder ?? false, actor.UserId, at);
    }
}

/// <summary>What became of a LOCK: the lock granted, or what stands in its way.</summary>
public sealed record LockOutcome
{
    public DavLock? Granted { get; init; }

    /// <summary>The root of the live lock that conflicts with the one asked for.</summary>
    public string? ConflictRoot { get; init; }

    /// <summary>Set when the owner holds as many locks as an account may: when the first of them expires.</summary>
    public DateTimeOffset? LimitLiftsAt { get; init; }
}
