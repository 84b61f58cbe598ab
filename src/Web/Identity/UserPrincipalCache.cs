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
internal sealed class UserPrincipalCache(IMemoryCache cache, SignInManager<StrataUser> signIn)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public async Task<ClaimsPrincipal> ForAsync(StrataUser user)
    {
        var key = ("principal", user.Id, user.ConcurrencyStamp, user.SecurityStamp);
        if (!cache.TryGetValue(key, out ClaimsPrincipal? principal))
        {
            principal = await signIn.CreateUserPrincipalAsync(user);
            cache.Set(key, principal, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        }

        // A copy per request: handlers and claims transformations may add to the one they are given.
        return principal!.Clone();
    }
}
