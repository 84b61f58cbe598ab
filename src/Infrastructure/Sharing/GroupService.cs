using Microsoft.EntityFrameworkCore;
using Strata.Domain.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Sharing;

public sealed record GroupInfo(long Id, string Name, IReadOnlyList<MemberInfo> Members);

public sealed record MemberInfo(string UserId, string UserName);

/// <summary>Groups and memberships. Every change that alters someone's rights invalidates the permission cache.</summary>
public sealed class GroupService(IDbContextFactory<StrataDbContext> dbFactory, PermissionService permissions, TimeProvider clock)
{
    public const int MaxNameLength = 128;

    public async Task<IReadOnlyList<GroupInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.NameKey).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);
        var members = (await MembersQuery(db, db.GroupMembers).ToListAsync(cancellationToken)).ToLookup(m => m.GroupId);
        return groups.Select(g => new GroupInfo(g.Id, g.Name, members[g.Id].Select(m => new MemberInfo(m.UserId, m.UserName)).ToList())).ToList();
    }

    /// <summary>Names of groups whose name contains <paramref name="term"/> (any case), for pickers that grant to a group.</summary>
    public async Task<IReadOnlyList<string>> SearchNamesAsync(string? term, int limit, CancellationToken cancellationToken)
    {
        var key = NodeName.Fold(term?.Trim() ?? string.Empty);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Groups.AsNoTracking()
            .Where(g => g.NameKey.Contains(key))
            .OrderBy(g => g.NameKey)
            .Select(g => g.Name)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public async Task<Result<GroupInfo>> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return Missing(id);
        }

        var members = (await MembersQuery(db, db.GroupMembers.Where(m => m.GroupId == id)).ToListAsync(cancellationToken))
            .Select(m => new MemberInfo(m.UserId, m.UserName))
            .ToList();
        return Result<GroupInfo>.Ok(new GroupInfo(group.Id, group.Name, members));
    }

    public async Task<Result<GroupInfo>> CreateAsync(string? name, CancellationToken cancellationToken)
    {
        if (Validate(name) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = NodeName.Fold(name!.Trim());
        if (await db.Groups.AnyAsync(g => g.NameKey == key, cancellationToken))
        {
            return Taken(name);
        }

        var group = new Group { Name = name.Trim(), NameKey = key, CreatedAt = clock.GetUtcNow() };
        db.Groups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return Result<GroupInfo>.Created(new GroupInfo(group.Id, group.Name, []));
    }

    public async Task<Result<GroupInfo>> RenameAsync(long id, string? name, CancellationToken cancellationToken)
    {
        if (Validate(name) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return Missing(id);
        }

        var key = NodeName.Fold(name!.Trim());
        if (await db.Groups.AnyAsync(g => g.NameKey == key && g.Id != id, cancellationToken))
        {
            return Taken(name);
        }

        group.Name = name.Trim();
        group.NameKey = key;
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Deletes the group, its memberships and every grant made to it.</summary>
    public async Task<Result<GroupInfo>> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return Missing(id);
        }

        var principal = Domain.Access.Principal.Group(id);
        await db.Grants.Where(g => g.PrincipalKind == principal.Kind && g.PrincipalId == principal.Id).ExecuteDeleteAsync(cancellationToken);
        db.Groups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        permissions.Invalidate();
        return Result<GroupInfo>.Ok(new GroupInfo(group.Id, group.Name, []));
    }

    public async Task<Result<GroupInfo>> AddMemberAsync(long id, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Groups.AnyAsync(g => g.Id == id, cancellationToken))
        {
            return Missing(id);
        }

        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return Result<GroupInfo>.Fail(ResultStatus.NotFound, $"There is no user '{userId}'.");
        }

        if (!await db.GroupMembers.AnyAsync(m => m.GroupId == id && m.UserId == userId, cancellationToken))
        {
            db.GroupMembers.Add(new GroupMember { GroupId = id, UserId = userId });
            await db.SaveChangesAsync(cancellationToken);
            permissions.Invalidate();
        }

        return await GetAsync(id, cancellationToken);
    }

    public async Task<Result<GroupInfo>> RemoveMemberAsync(long id, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var removed = await db.GroupMembers.Where(m => m.GroupId == id && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return Result<GroupInfo>.Fail(ResultStatus.NotFound, $"User '{userId}' is not a member of group {id}.");
        }

        permissions.Invalidate();
        return await GetAsync(id, cancellationToken);
    }

    private static IQueryable<MemberRow> MembersQuery(StrataDbContext db, IQueryable<GroupMember> members) =>
        members.AsNoTracking()
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, m.UserId, u.UserName, u.NormalizedUserName })
            .OrderBy(m => m.NormalizedUserName)
            .Select(m => new MemberRow(m.GroupId, m.UserId, m.UserName!));

    /// <summary>Why <paramref name="name"/> cannot name a group, or null when it can; forms check with this before saving.</summary>
    public static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength || name.Any(char.IsControl)
            ? $"A group name is 1 to {MaxNameLength} characters without control characters."
            : null;

    private static Result<GroupInfo>? Validate(string? name) => CheckName(name) is { } error ? Result<GroupInfo>.Fail(ResultStatus.Invalid, error) : null;

    private static Result<GroupInfo> Missing(long id) => Result<GroupInfo>.Fail(ResultStatus.NotFound, $"There is no group {id}.");

    private static Result<GroupInfo> Taken(string name) => Result<GroupInfo>.Fail(ResultStatus.Conflict, $"A group named '{name.Trim()}' already exists.");

    private sealed record MemberRow(long GroupId, string UserId, string UserName);
}
