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

    private static Result<Assignment> Invalid(string detail) => Result<Assignment>.Fail(ResultStatus.Invalid, detail);
}
