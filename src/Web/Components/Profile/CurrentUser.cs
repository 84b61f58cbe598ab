using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Strata.Infrastructure.Identity;

namespace Strata.Web.Components.Profile;

/// <summary>Loads the signed-in account for the profile cards (fresh each time: stamps and 2FA state change).</summary>
internal static class CurrentUser
{
    public static async Task<StrataUser> LoadAsync(AuthenticationStateProvider authentication, UserManager<StrataUser> users)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return await users.GetUserAsync(state.User) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
    }

    /// <summary>
    /// Password and two-factor changes rotate the security stamp, which would end this browser's session at the
    /// next cookie check; a full-page visit to the refresh endpoint re-issues the cookie with the new stamp.
    /// </summary>
    public static string RefreshUrl(string message) => $"/account/refresh?message={Uri.EscapeDataString(message)}";
}
