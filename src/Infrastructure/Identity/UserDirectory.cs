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

    public static string Display(IReadOnlyDictionary<string, string> names, string? userId)
    {
        ArgumentNullException.ThrowIfNull(names);
        return userId is null ? "system" : names.GetValueOrDefault(userId, userId);
    }
}
