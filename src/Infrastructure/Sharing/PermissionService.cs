using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Sharing;

/// <summary>A grant as its managers see it: whom, what level, and the folder it comes from when inherited.</summary>
public sealed record GrantView(
    [property: JsonConverter(typeof(JsonStringEnumConverter<PrincipalKind>))] PrincipalKind Kind,
    string Name,
    [property: JsonConverter(typeof(JsonStringEnumConverter<AccessLevel>))] AccessLevel Level,
    string? InheritedFrom);

/// <summary>A folder shared with the caller and the level they hold there.</summary>
public sealed record SharedFolder(long Id, string Name, string Path, [property: JsonConverter(typeof(JsonStringEnumConverter<AccessLevel>))] AccessLevel Level);

/// <summary>Whom a grant request names: a user by user name or a group by name.</summary>
public sealed record PrincipalName(PrincipalKind Kind, string Name);

/// <summary>
/// The one authorization service. Rights come from an <see cref="AccessEvaluator"/> built from two cached
/// pieces: the trie of all grants (one query when a grant, membership or folder path changed) and the
/// caller's group ids (one query per user after such a change). A warm request issues no query at all,
/// and no check ever queries per child. The cache is per process: a change bumps the <see cref="RightsVersion"/>
/// (on every host, when they share a Redis), which retires every entry at once.
/// </summary>
public sealed class PermissionService(IDbContextFactory<StrataDbContext> dbFactory, IMemoryCache cache, TimeProvider clock, RightsVersion version)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    /// <summary>Forgets every cached right; call after any change to grants, memberships or folder paths.</summary>
    public void Invalidate() => version.Bump();

    /// <summary>
    /// Makes rights judged from now on at least as new as <paramref name="events"/>, just read from the journal. A
    /// change of rights commits before its writer retires the cached rights, so rights cached a moment earlier may
    /// predate it; they are retired here. (Other hosts hear of a change through <see cref="RightsVersion"/>: the events
    /// this host reads are only those it derives first.)
    /// </summary>
    public void CatchUp(IEnumerable<JournalEvent> events)
    {
        if (events.Any(e => e.ChangesRights))
        {
            Invalidate();
        }
    }

    public Task<AccessEvaluator> ForAsync(Caller caller, CancellationToken cancellationToken) => ForAsync(caller, withTrashed: false, cancellationToken);

    /// <summary>
    /// Rights for looking into the trash: grants on trashed folders still count (at the path the folder
    /// had), so that trashing a governed folder does not show its name or contents to everyone.
    /// </summary>
    public Task<AccessEvaluator> ForTrashAsync(Caller caller, CancellationToken cancellationToken) => ForAsync(caller, withTrashed: true, cancellationToken);

    private async Task<AccessEvaluator> ForAsync(Caller caller, bool withTrashed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var current = version.Current;
        var tree = await TreeAsync(withTrashed, current, cancellationToken);
        var groups = await cache.GetOrCreateAsync(("groups", caller.UserId, current), entry =>
        {
            entry.SlidingExpiration = Idle;
            return LoadGroupIdsAsync(caller.UserId, cancellationToken);
        });
        return new AccessEvaluator(caller, groups!, tree);
    }

    private async Task<GrantTree> TreeAsync(bool withTrashed, long current, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(("grants", withTrashed, current), entry =>
        {
            entry.SlidingExpiration = Idle;
            return LoadTreeAsync(withTrashed, cancellationToken);
        }))!;

    /// <summary>
    /// Rights of the users with <paramref name="userIds"/> (whom an event, a task or a comment names): one query for who
    /// they are and one for their groups, however many they are, with the cached grant tree. Ids of users that no
    /// longer exist are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, AccessEvaluator>> ForUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count == 0)
        {
            return new Dictionary<string, AccessEvaluator>(StringComparer.Ordinal);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var admins = db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.Admin), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId);
        var callers = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Select(u => new Caller(u.Id, u.UserName!, admins.Contains(u.Id)))
            .ToListAsync(cancellationToken);
        var tree = await TreeAsync(withTrashed: false, version.Current, cancellationToken);
        var ids = callers.Select(c => c.UserId).ToList();
        var memberships = (await db.GroupMembers.AsNoTracking().Where(m => ids.Contains(m.UserId)).Select(m => new { m.UserId, m.GroupId })
            .ToListAsync(cancellationToken)).ToLookup(m => m.UserId, m => m.GroupId, StringComparer.Ordinal);
        return callers.ToDictionary(c => c.UserId, c => new AccessEvaluator(c, memberships[c.UserId], tree), StringComparer.Ordinal);
    }

    /// <summary>The grants that apply to a folder, its own and inherited; only for those who may manage it.</summary>
    public async Task<Result<IReadOnlyList<GrantView>>> ListAsync(Caller caller, NodePath folder, CancellationToken cancellationToken)
    {
        var access = await ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (CheckManage<IReadOnlyList<GrantView>>(access, folder, await db.Nodes.FindLive(folder).AnyAsync(cancellationToken)) is { } refused)
        {
            return refused;
        }

        var chain = Enumerable.Range(2, Math.Max(0, folder.Depth - 1)).Select(depth => Node.HashKey(Ancestor(folder, depth).Key)).ToList();
        var rows = await db.Grants.AsNoTracking()
            .Join(db.Nodes.Where(n => chain.Contains(n.PathHash) && n.TrashedAt == null), g => g.NodeId, n => n.Id, (g, n) => new { g.PrincipalKind, g.PrincipalId, g.Level, n.Path, n.PathKey })
            .ToListAsync(cancellationToken);
        var names = await PrincipalNamesAsync(db, rows.Select(r => (r.PrincipalKind, r.PrincipalId)), cancellationToken);
        return Result<IReadOnlyList<GrantView>>.Ok(rows
            .OrderBy(r => r.PathKey.Length)
            .ThenBy(r => names[(r.PrincipalKind, r.PrincipalId)], StringComparer.Ordinal)
            .Select(r => new GrantView(r.PrincipalKind, names[(r.PrincipalKind, r.PrincipalId)], r.Level, r.PathKey == folder.Key ? null : r.Path))
            .ToList());
    }

    /// <summary>Creates or changes the grant of <paramref name="principal"/> on <paramref name="folder"/>.</summary>
    public async Task<Result<GrantView>> SetAsync(Caller caller, NodePath folder, PrincipalName principal, AccessLevel level, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var access = await ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var node = await db.Nodes.FindLive(folder).AsNoTracking().Select(n => new { n.Id, n.IsFolder }).FirstOrDefaultAsync(cancellationToken);
        if (CheckManage<GrantView>(access, folder, exists: node is not null) is { } refused)
        {
            return refused;
        }

        if (node is not { IsFolder: true })
        {
            return Result<GrantView>.Fail(ResultStatus.Invalid, $"'{folder}' is a file; permissions are granted on folders.");
        }

        if (await ResolveAsync(db, principal, cancellationToken) is not { } id)
        {
            return Result<GrantView>.Fail(ResultStatus.NotFound, $"There is no {principal.Kind.ToString().ToLowerInvariant()} '{principal.Name}'.");
        }

        var grant = await db.Grants.FirstOrDefaultAsync(g => g.NodeId == node.Id && g.PrincipalKind == principal.Kind && g.PrincipalId == id, cancellationToken);
        var created = grant is null;
        if (grant is null)
        {
            grant = new Grant { NodeId = node.Id, PrincipalKind = principal.Kind, PrincipalId = id, CreatedAt = clock.GetUtcNow(), CreatedBy = caller.UserId };
            db.Grants.Add(grant);
        }

        grant.Level = level;
        db.Journal.Add(RightsChanged(caller, folder, node.Id, principal.Kind, id, level));
        await db.SaveChangesAsync(cancellationToken);
        Invalidate();
        var view = new GrantView(principal.Kind, principal.Name, level, InheritedFrom: null);
        return created ? Result<GrantView>.Created(view) : Result<GrantView>.Ok(view);
    }

    public async Task<Result<GrantView>> RemoveAsync(Caller caller, NodePath folder, PrincipalName principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var access = await ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nodeId = await db.Nodes.FindLive(folder).Select(n => (long?)n.Id).FirstOrDefaultAsync(cancellationToken);
        if (CheckManage<GrantView>(access, folder, exists: nodeId is not null) is { } refused)
        {
            return refused;
        }

        var id = await ResolveAsync(db, principal, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = id is null || nodeId is null ? 0 : await db.Grants
            .Where(g => g.NodeId == nodeId && g.PrincipalKind == principal.Kind && g.PrincipalId == id)
            .ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return Result<GrantView>.Fail(ResultStatus.NotFound, $"'{folder}' has no grant for {principal.Kind.ToString().ToLowerInvariant()} '{principal.Name}'.");
        }

        db.Journal.Add(RightsChanged(caller, folder, nodeId!.Value, principal.Kind, id!, AccessLevel.None));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        Invalidate();
        return Result<GrantView>.Ok(new GrantView(principal.Kind, principal.Name, AccessLevel.None, InheritedFrom: null));
    }

    /// <summary>Folders granted to the caller or their groups that they can read, outside their own private space.</summary>
    public async Task<IReadOnlyList<SharedFolder>> SharedWithMeAsync(Caller caller, CancellationToken cancellationToken)
    {
        var access = await ForAsync(caller, cancellationToken);
        var user = Principal.User(caller.UserId);
        var groups = access.Principals.Where(p => p.Kind == PrincipalKind.Group).Select(p => p.Id).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var folders = await db.Grants.AsNoTracking()
            .Where(g => g.Level != AccessLevel.None
                && ((g.PrincipalKind == PrincipalKind.User && g.PrincipalId == user.Id) || (g.PrincipalKind == PrincipalKind.Group && groups.Contains(g.PrincipalId))))
            .Join(db.Nodes.Where(n => n.TrashedAt == null), g => g.NodeId, n => n.Id, (g, n) => new { n.Id, n.Name, n.Path })
            .Distinct()
            .ToListAsync(cancellationToken);
        return folders
            .Select(f => (Folder: f, Path: NodePath.Parse(f.Path)))
            .Where(f => !f.Path.IsSameOrDescendantOf(NodePath.Private(caller.UserName)))
            .Select(f => new SharedFolder(f.Folder.Id, f.Folder.Name, f.Folder.Path, access.LevelAt(f.Path)))
            .Where(f => f.Level >= AccessLevel.Viewer)
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Journalled so that open views of the folder and below read their rights again, on every instance; the details
    /// say whose grant changed and to what level, so that those who gained access hear of it.
    /// </summary>
    private JournalEvent RightsChanged(Caller caller, NodePath folder, long folderId, PrincipalKind kind, string principalId, AccessLevel level)
    {
        var change = JournalEvent.AtPath(JournalEventType.PermissionsChanged, folder, folderId, isFolder: true, caller.UserId, clock.GetUtcNow());
        change.Details = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["principalKind"] = kind.ToString(),
            ["principalId"] = principalId,
            ["level"] = level.ToString(),
        });
        return change;
    }

    private static Result<T>? CheckManage<T>(AccessEvaluator access, NodePath folder, bool exists) => access.Evaluate(folder, Operation.Manage, exists) switch
    {
        AccessDecision.Allowed => null,
        AccessDecision.Hidden => Result<T>.Fail(ResultStatus.NotFound, $"'{folder}' does not exist."),
        _ => Result<T>.Fail(ResultStatus.Forbidden, $"You may not manage the permissions of '{folder}'."),
    };

    private static NodePath Ancestor(NodePath path, int depth)
    {
        var ancestor = path;
        while (ancestor.Depth > depth)
        {
            ancestor = ancestor.Parent;
        }

        return ancestor;
    }

    private static async Task<string?> ResolveAsync(StrataDbContext db, PrincipalName principal, CancellationToken cancellationToken)
    {
        if (principal.Kind == PrincipalKind.User)
        {
            // UserManager's normaliser upper-cases invariantly; the same here keeps the lookup on the index.
            var normalized = principal.Name.ToUpperInvariant();
            return await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        }

        var key = NodeName.Fold(principal.Name.Trim());
        var id = await db.Groups.Where(g => g.NameKey == key).Select(g => (long?)g.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? Principal.Group(found).Id : null;
    }

    private static async Task<Dictionary<(PrincipalKind, string), string>> PrincipalNamesAsync(
        StrataDbContext db, IEnumerable<(PrincipalKind Kind, string Id)> principals, CancellationToken cancellationToken)
    {
        var list = principals.Distinct().ToList();
        var userIds = list.Where(p => p.Kind == PrincipalKind.User).Select(p => p.Id).ToList();
        var groupIds = list.Where(p => p.Kind == PrincipalKind.Group).Select(p => long.Parse(p.Id, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToListAsync(cancellationToken);
        var groups = await db.Groups.Where(g => groupIds.Contains(g.Id)).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);
        return users.Select(u => ((PrincipalKind.User, u.Id), u.UserName!))
            .Concat(groups.Select(g => ((PrincipalKind.Group, Principal.Group(g.Id).Id), g.Name)))
            .ToDictionary(p => p.Item1, p => p.Item2);
    }

    private async Task<GrantTree> LoadTreeAsync(bool withTrashed, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Grants.AsNoTracking()
            .Join(db.Nodes.Where(n => withTrashed || n.TrashedAt == null), g => g.NodeId, n => n.Id, (g, n) => new { n.Path, g.PrincipalKind, g.PrincipalId, g.Level })
            .ToListAsync(cancellationToken);
        return GrantTree.Build(rows.Select(r => new GrantRule(NodePath.Parse(r.Path), new Principal(r.PrincipalKind, r.PrincipalId), r.Level)));
    }

    private async Task<IReadOnlyList<long>> LoadGroupIdsAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.GroupMembers.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken);
    }
}
