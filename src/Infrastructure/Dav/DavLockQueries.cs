using Microsoft.EntityFrameworkCore;
using Strata.Domain.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Dav;

/// <summary>Which locks bear on a path; shared by the WebDAV lock manager and <see cref="Files.FileService"/>.</summary>
public static class DavLockQueries
{
    private const string RootKey = "/";

#pragma warning disable CA1309, CA1310 // Translated to SQL, where keys compare by the column's (binary) collation.
    // A deep lock on an ancestor is matched by key prefix rather than by a list of the ancestors' keys: a list parameter
    // makes EF Core rewrite the SQL on every run (three times the cost of the whole query), and every write asks this.
    private static readonly CompiledPerModel<Func<StrataDbContext, string, string, bool, string, string, DateTimeOffset, IAsyncEnumerable<DavLock>>> AffectingQuery = new(() =>
        EF.CompileAsyncQuery((StrataDbContext db, string key, string parentKey, bool withMembers, string from, string to, DateTimeOffset now) =>
            db.DavLocks.AsNoTracking().Where(l => l.ExpiresAt > now && (
                l.PathKey == key
                || l.PathKey == parentKey
                || (l.IsDeep && (l.PathKey == RootKey || key.StartsWith(l.PathKey + "/")))
                || (withMembers && string.Compare(l.PathKey, from) >= 0 && string.Compare(l.PathKey, to) < 0)))));
#pragma warning restore CA1309, CA1310

    /// <summary>
    /// Live locks that a change of <paramref name="path"/> must respect: a lock on the path itself, a
    /// depth-infinity lock on an ancestor, a lock on the parent (its membership changes when a member is
    /// created or removed, RFC 4918 §7.4) and, with <paramref name="withMembers"/>, locks inside the subtree.
    /// </summary>
    /// <remarks>Every write asks this, up to three times (the WebDAV front door, then before and at commit): compiled once.</remarks>
    public static async Task<List<DavLock>> AffectingAsync(StrataDbContext db, NodePath path, bool withMembers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var key = path.Key;
        var (from, to) = SubtreeRange(key);
        return await AffectingQuery.For(db)(db, key, path.IsRoot ? key : path.Parent.Key, withMembers, from, to, now).ToListAsync(cancellationToken);
    }

    /// <summary>Live locks whose scope includes <paramref name="path"/> (its own and depth-infinity ancestors'): what lock discovery shows.</summary>
    public static IQueryable<DavLock> Covering(IQueryable<DavLock> locks, NodePath path, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(path);
        var key = path.Key;
#pragma warning disable CA1310 // Translated to SQL, see above.
        return locks.Where(l => l.ExpiresAt > now && (l.PathKey == key || (l.IsDeep && (l.PathKey == RootKey || key.StartsWith(l.PathKey + "/")))));
#pragma warning restore CA1310
    }

    /// <summary>Locks rooted at <paramref name="path"/> or below it, live or expired: dropped when the path goes away.</summary>
    public static IQueryable<DavLock> AtOrBelow(IQueryable<DavLock> locks, NodePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var key = path.Key;
        var (from, to) = SubtreeRange(key);
#pragma warning disable CA1309 // Translated to SQL, see above.
        return locks.Where(l => l.PathKey == key || (string.Compare(l.PathKey, from) >= 0 && string.Compare(l.PathKey, to) < 0));
#pragma warning restore CA1309
    }

    /// <summary>Whether <paramref name="davLock"/>'s scope includes <paramref name="path"/> (for locks already loaded).</summary>
    public static bool Covers(DavLock davLock, NodePath path)
    {
        ArgumentNullException.ThrowIfNull(davLock);
        ArgumentNullException.ThrowIfNull(path);
        return davLock.PathKey == path.Key || (davLock.IsDeep && path.IsSameOrDescendantOf(NodePath.Parse(davLock.Path)));
    }

    /// <summary>Every descendant key starts with "key/"; '0' follows '/', so this is a prefix range.</summary>
    private static (string From, string To) SubtreeRange(string key) => (key.TrimEnd('/') + "/", key.TrimEnd('/') + "0");
}
