using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Strata.Infrastructure.Identity;

namespace Strata.Web.Components.Profile;

/// <summary>
/// A profile card with a UserManager (so a DbContext) of its own: the cards on the profile page load at the
/// same time, and a context shared by the whole circuit fails on concurrent use and ends the circuit.
/// </summary>
public abstract class AccountCard : OwningComponentBase<UserManager<StrataUser>>
{
    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    protected UserManager<StrataUser> Users => Service;

    /// <summary>The signed-in account.</summary>
    protected async Task<StrataUser> LoadUserAsync()
    {
        var state = await Authentication.GetAuthenticationStateAsync();
        return await Users.GetUserAsync(state.User) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
    }

    /// <summary>
    /// Password and two-factor changes rotate the security stamp, which would end this browser's session at the
    /// next cookie check; a full-page visit to the refresh endpoint re-issues the cookie with the new stamp.
    /// </summary>
    protected static string RefreshUrl(string message) => $"/account/refresh?message={Uri.EscapeDataString(message)}";
}
