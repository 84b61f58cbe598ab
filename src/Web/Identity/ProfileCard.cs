using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;

namespace Strata.Web.Identity;

/// <summary>
/// A profile card with a UserManager (so a DbContext) of its own: the cards on the profile page load at the
/// same time, and a context shared by the whole circuit fails on concurrent use and ends the circuit.
/// </summary>
public abstract class ProfileCard : OwningComponentBase<UserManager<StrataUser>>
{
    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    [Inject]
    private SessionStamps Sessions { get; set; } = default!;

    protected UserManager<StrataUser> Users => Service;

    /// <summary>
    /// The signed-in account as the database holds it now. Without forgetting what the card's context tracks, it
    /// would hand back the copy loaded with the page, whose concurrency stamp any later change of the account (a
    /// failed sign-in elsewhere counts one) has made stale, and every save of that copy would fail.
    /// </summary>
    protected async Task<StrataUser> LoadUserAsync()
    {
        ScopedServices.GetRequiredService<StrataDbContext>().ChangeTracker.Clear();
        var state = await Authentication.GetAuthenticationStateAsync();
        return await Users.GetUserAsync(state.User) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
    }

    /// <summary>What to show when saving the account failed: nothing was changed, and the reason.</summary>
    protected static string Failure(string what, IdentityResult result) =>
        result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
            ? $"{what} failed: the account changed at the same time, so nothing was saved. Try again."
            : $"{what} failed: " + string.Join(" ", result.Errors.Select(e => e.Description));

    /// <summary>
    /// Password and two-factor changes rotate the security stamp, which ends this browser's session at its next
    /// request; a full-page visit to this URL, made right after the change, re-issues the cookie with the new stamp.
    /// </summary>
    protected async Task<string> RefreshUrlAsync(StrataUser user, string message)
    {
        var state = await Authentication.GetAuthenticationStateAsync();
        return Sessions.RefreshUrl(state.User, user.SecurityStamp!, message);
    }
}
