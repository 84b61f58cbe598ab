using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Identity;

/// <summary>
/// The columns of an account that decide whether a remembered sign-in (a verified Basic password, a cached
/// principal) still holds: any change to the account renews a stamp, and lockout is checked on every request.
/// </summary>
public sealed record AccountStamps(string Id, string? SecurityStamp, string? ConcurrencyStamp, bool TwoFactorEnabled, bool LockoutEnabled, DateTimeOffset? LockoutEnd)
{
    /// <summary>As Identity's <c>UserManager.IsLockedOutAsync</c> decides it.</summary>
    public bool IsLockedOut(DateTimeOffset now) => LockoutEnabled && LockoutEnd >= now;
}

/// <summary>
/// Reads <see cref="AccountStamps"/> with one compiled, untracked query: clients that authenticate every request
/// (WebDAV, scripts) need only these columns when their credential is already known to be good, and loading the
/// whole tracked user through <c>UserManager</c> was a quarter of a small WebDAV GET.
/// </summary>
public sealed class AccountStampReader(IDbContextFactory<StrataDbContext> dbFactory)
{
    private static readonly Expression<Func<StrataUser, AccountStamps>> Stamps =
        u => new AccountStamps(u.Id, u.SecurityStamp, u.ConcurrencyStamp, u.TwoFactorEnabled, u.LockoutEnabled, u.LockoutEnd);

    private static readonly Func<StrataDbContext, string, CancellationToken, Task<AccountStamps?>> ByNormalizedEmail =
        EF.CompileAsyncQuery((StrataDbContext db, string normalizedEmail, CancellationToken _) =>
            db.Users.Where(u => u.NormalizedEmail == normalizedEmail).Select(Stamps).FirstOrDefault());

    private static readonly Func<StrataDbContext, string, CancellationToken, Task<AccountStamps?>> ById =
        EF.CompileAsyncQuery((StrataDbContext db, string id, CancellationToken _) =>
            db.Users.Where(u => u.Id == id).Select(Stamps).FirstOrDefault());

    public async Task<AccountStamps?> ByEmailAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ByNormalizedEmail(db, normalizedEmail, cancellationToken);
    }

    public async Task<AccountStamps?> ByIdAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ById(db, id, cancellationToken);
    }
}
