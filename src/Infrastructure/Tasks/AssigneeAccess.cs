using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Tasks;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Tasks;

/// <summary>Whom a task is given to: the principals as named, and the users they stand for (groups expanded).</summary>
public sealed record Assignment(IReadOnlyList<Principal> Principals, IReadOnlyList<string> UserIds);

/// <summary>Resolves assignees by name, as grants are, and asks the permission service what each of them may see.</summary>
public sealed class AssigneeAccess(PermissionService permissions)
{
    private const int CandidateWindow = 50;
    private const int MaxCandidateRounds = 4;

    /// <summary>
    /// Resolves users (by user name) and groups (by name) and expands groups to their members now. Refused when a name
    /// is unknown, a group is empty, there are too many, or someone cannot see <paramref name="item"/>: the refusal names
    /// them and says nothing else of the item or their rights.
    /// </summary>
    public async Task<Result<Assignment>> ResolveAsync(StrataDbContext db, IReadOnlyList<PrincipalName> names, NodePath item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            return Invalid("A task needs at least one assignee.");
        }

        var userNames = names.Where(n => n.Kind == PrincipalKind.User).Select(n => n.Name.Trim().ToUpperInvariant()).Distinct().ToList();
        var groupKeys = names.Where(n => n.Kind == PrincipalKind.Group).Select(n => NodeName.Fold(n.Name.Trim())).Distinct().ToList();
        var users = await db.Users.Where(u => userNames.Contains(u.NormalizedUserName!)).Select(u => new { u.Id, u.NormalizedUserName }).ToListAsync(cancellationToken);
        var groups = await db.Groups.Where(g => groupKeys.Contains(g.NameKey)).Select(g => new { g.Id, g.NameKey }).ToListAsync(cancellationToken);
        var groupIds = groups.Select(g => g.Id).ToList();
        var members = await db.GroupMembers.Where(m => groupIds.Contains(m.GroupId)).Select(m => new { m.GroupId, m.UserId }).ToListAsync(cancellationToken);

        var principals = new List<Principal>();
        var userIds = new List<string>();
        foreach (var name in names)
        {
            if (name.Kind == PrincipalKind.User)
            {
                var normalized = name.Name.Trim().ToUpperInvariant();
                var user = users.FirstOrDefault(u => u.NormalizedUserName == normalized);
                if (user is null)
                {
                    return Invalid($"There is no user '{name.Name}'.");
                }

                principals.Add(Principal.User(user.Id));
                userIds.Add(user.Id);
                continue;
            }

            var group = groups.FirstOrDefault(g => g.NameKey == NodeName.Fold(name.Name.Trim()));
            if (group is null)
            {
                return Invalid($"There is no group '{name.Name}'.");
            }

            var of = members.Where(m => m.GroupId == group.Id).Select(m => m.UserId).ToList();
            if (of.Count == 0)
            {
                return Invalid($"The group '{name.Name}' has no members.");
            }

            principals.Add(Principal.Group(group.Id));
            userIds.AddRange(of);
        }

        var distinct = userIds.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > TaskRules.MaxAssignees)
        {
            return Invalid($"A task has at most {TaskRules.MaxAssignees} assignees, groups counted by their members.");
        }

        var rights = await permissions.ForUsersAsync(distinct, cancellationToken);
        var blind = rights.Values.Where(a => !a.CanSee(item)).Select(a => a.Caller.UserName).Order(StringComparer.Ordinal).ToList();
        if (blind.Count > 0)
        {
            return Invalid($"{string.Join(", ", blind)} cannot see this item; share it with them first.");
        }

        return Result<Assignment>.Ok(new Assignment(principals.Distinct().ToList(), distinct));
    }

    /// <summary>
    /// Up to <paramref name="limit"/> users who can see <paramref name="item"/> and groups whose name contains
    /// <paramref name="term"/>, groups first; each group with the members who cannot see the item. Users are read in
    /// windows so that a crowd of users without access does not starve the list; a few queries whatever the size.
    /// </summary>
    public async Task<IReadOnlyList<AssigneeCandidate>> CandidatesAsync(StrataDbContext db, string? term, NodePath item, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var text = term?.Trim() ?? string.Empty;
        var groupKey = NodeName.Fold(text);
        var groups = await db.Groups.AsNoTracking().Where(g => g.NameKey.Contains(groupKey)).OrderBy(g => g.NameKey)
            .Select(g => new { g.Id, g.Name }).Take(limit).ToListAsync(cancellationToken);
        var groupIds = groups.Select(g => g.Id).ToList();
        var members = await db.GroupMembers.AsNoTracking().Where(m => groupIds.Contains(m.GroupId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, u.Id, u.UserName })
            .ToListAsync(cancellationToken);
        var memberSight = await SightAsync(members.Select(m => m.Id).Distinct().ToList(), item, cancellationToken);
        var candidates = groups.Select(g =>
        {
            var of = members.Where(m => m.GroupId == g.Id).ToList();
            var blind = of.Where(m => !memberSight[m.Id]).Select(m => m.UserName ?? m.Id).Order(StringComparer.Ordinal).ToList();
            return new AssigneeCandidate(PrincipalKind.Group, g.Name, null, of.Count, blind);
        }).ToList();

        // Identity's normaliser upper-cases invariantly; the same here keeps the comparison on the stored columns.
        var normalized = text.ToUpperInvariant();
        var users = new List<AssigneeCandidate>();
        for (var round = 0; round < MaxCandidateRounds && users.Count < limit; round++)
        {
            var window = await db.Users.AsNoTracking()
                .Where(u => u.LockoutEnd != DateTimeOffset.MaxValue)
                .Where(u => u.NormalizedUserName!.Contains(normalized) || u.NormalizedEmail!.Contains(normalized))
                .OrderBy(u => u.NormalizedUserName)
                .Skip(round * CandidateWindow).Take(CandidateWindow)
                .Select(u => new { u.Id, u.UserName, u.DisplayName })
                .ToListAsync(cancellationToken);
            var sight = await SightAsync(window.Select(u => u.Id).ToList(), item, cancellationToken);
            users.AddRange(window.Where(u => sight[u.Id]).Select(u => new AssigneeCandidate(PrincipalKind.User, u.UserName!, u.DisplayName, 1, [])).Take(limit - users.Count));
            if (window.Count < CandidateWindow)
            {
                break;
            }
        }

        return candidates.Concat(users).ToList();
    }

    /// <summary>Whether each user can see <paramref name="item"/>; users that no longer exist cannot.</summary>
    private async Task<IReadOnlyDictionary<string, bool>> SightAsync(IReadOnlyList<string> userIds, NodePath item, CancellationToken cancellationToken)
    {
        var rights = await permissions.ForUsersAsync(userIds, cancellationToken);
        return userIds.ToDictionary(id => id, id => rights.TryGetValue(id, out var their) && their.CanSee(item), StringComparer.Ordinal);
    }

    private static Result<Assignment> Invalid(string detail) => Result<Assignment>.Fail(ResultStatus.Invalid, detail);
}
