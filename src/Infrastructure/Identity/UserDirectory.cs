using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Identity;

/// <summary>
/// Turns the user ids recorded on nodes, versions and trash items into names people recognise.
/// An id whose account is gone is shown as it is rather than hidden: the history stays truthful.
/// </summary>
public sealed class UserDirectory(IDbContextFactory<StrataDbContext> dbFactory)
{
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string?> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var ids = userIds.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, Name = u.DisplayName ?? u.UserName ?? u.Id })
            .ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
    }

    /// <summary>
    /// Accounts whose user name or email contains <paramref name="term"/> (any case), for pickers
    /// that grant access or add members. Disabled accounts are left out: nobody means to share with them.
    /// </summary>
    public async Task<IReadOnlyList<DirectoryEntry>> SearchAsync(string? term, int limit, CancellationToken cancellationToken)
    {
        // Identity's normaliser upper-cases invariantly; matching the same way keeps the comparison on the stored columns.
        var normalized = (term?.Trim() ?? string.Empty).ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => u.LockoutEnd != DateTimeOffset.MaxValue)
            .Where(u => u.NormalizedUserName!.Contains(normalized) || u.NormalizedEmail!.Contains(normalized))
            .OrderBy(u => u.NormalizedUserName)
            .Select(u => new DirectoryEntry(u.Id, u.UserName!, u.DisplayName, u.Email!))
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public static string Display(IReadOnlyDictionary<string, string> names, string? userId)
    {
        ArgumentNullException.ThrowIfNull(names);
        return userId is null ? "system" : names.GetValueOrDefault(userId, userId);
    }
}

/// <summary>An account as pickers show it: the user name grants are made to, and what helps recognise the person.</summary>
public sealed record DirectoryEntry(string Id, string UserName, string? DisplayName, string Email)
{
    public override string ToString() => DisplayName is null ? UserName : $"{DisplayName} ({UserName})";
}
