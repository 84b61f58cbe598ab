using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Strata.Infrastructure.Identity;

namespace Strata.Web.Identity;

/// <summary>
/// Remembers the claims principal built for a user, so that clients authenticating every request (Basic,
/// Bearer) do not pay Identity's four claim and role queries each time. The key holds the user's
/// concurrency and security stamps, which any change to the account (roles, password, lockout) renews.
/// </summary>
internal sealed class UserPrincipalCache(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>The principal remembered for the account as it is now, if any (a copy).</summary>
    public ClaimsPrincipal? Find(AccountStamps account) =>
        cache.TryGetValue(KeyOf(account.Id, account.ConcurrencyStamp, account.SecurityStamp), out ClaimsPrincipal? principal) ? principal!.Clone() : null;

    public async Task<ClaimsPrincipal> ForAsync(StrataUser user, SignInManager<StrataUser> signIn)
    {
        var key = KeyOf(user.Id, user.ConcurrencyStamp, user.SecurityStamp);
        if (!cache.TryGetValue(key, out ClaimsPrincipal? principal))
        {
            principal = await signIn.CreateUserPrincipalAsync(user);
            cache.Set(key, principal, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        }

        // A copy per request: handlers and claims transformations may add to the one they are given.
        return principal!.Clone();
    }

    private static (string, string, string?, string?) KeyOf(string id, string? concurrencyStamp, string? securityStamp) =>
        ("principal", id, concurrencyStamp, securityStamp);
}
