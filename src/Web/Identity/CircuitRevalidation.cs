using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Strata.Web.Identity;

/// <summary>
/// An open page (a Blazor circuit) checks its account's security stamp every minute, as the cookie does on every
/// request (<see cref="SessionStamps"/>): a disabled account's open pages sign out instead of working on.
/// </summary>
internal sealed class CircuitRevalidation(ILoggerFactory loggerFactory, SessionStamps sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        try
        {
            return await sessions.IsCurrentAsync(authenticationState.User, cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            // The host is stopping under a still-open page: there is nothing left to check against, and nothing to protect.
            return true;
        }
    }
}
