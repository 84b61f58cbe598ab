using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Identity;

namespace Strata.Web.Identity;

/// <summary>
/// Ends a browser session as soon as its account's security stamp changes (disabled by an administrator, password
/// changed, two-factor reset): Identity's own validator looks only every 30 minutes. The stamps are read through
/// <see cref="AccountStampReader"/>, cached for a second, so checking every cookie request costs next to nothing.
/// </summary>
/// <remarks>
/// The profile page rotates the stamp of the session it runs in, then sends the browser to
/// <see cref="RefreshPath"/> for a cookie with the new stamp. That one request may carry the old stamp, and only
/// with a short-lived proof, made by the page, that names this account and both stamps: the old cookie alone, or
/// the proof alone, re-issues nothing.
/// </remarks>
public sealed class SessionStamps(IDataProtectionProvider protection, AccountStampReader accounts, IOptions<IdentityOptions> identity)
{
    public const string RefreshPath = "/account/refresh";

    private static readonly TimeSpan ProofLifetime = TimeSpan.FromMinutes(2);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Strata.Session.Refresh").ToTimeLimitedDataProtector();

    /// <summary>The refresh URL for a session whose stamp the caller has just rotated from <paramref name="principal"/>'s to <paramref name="newStamp"/>.</summary>
    public string RefreshUrl(ClaimsPrincipal principal, string newStamp, string message) =>
        RefreshPath + QueryString.Create("proof", _protector.Protect(Proof(UserId(principal), Stamp(principal), newStamp), ProofLifetime))
            .Add("message", message);

    /// <summary>The cookie handler's <c>OnValidatePrincipal</c>.</summary>
    public static Task ValidateAsync(CookieValidatePrincipalContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<SessionStamps>().CheckAsync(context);

    /// <summary>Whether <paramref name="principal"/> was signed in with its account's current security stamp.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        await AccountOfAsync(principal, cancellationToken) is { } account && account.SecurityStamp == Stamp(principal);

    private async Task CheckAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        var account = await AccountOfAsync(principal, context.HttpContext.RequestAborted);
        if (account is not null && (account.SecurityStamp == Stamp(principal) || IsProvenRefresh(context.HttpContext.Request, principal, account)))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private async Task<AccountStamps?> AccountOfAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        UserId(principal) is { } id ? await accounts.ByIdAsync(id, cancellationToken) : null;

    private bool IsProvenRefresh(HttpRequest request, ClaimsPrincipal principal, AccountStamps account)
    {
        if (!request.Path.Equals(RefreshPath, StringComparison.OrdinalIgnoreCase) || request.Query["proof"].ToString() is not { Length: > 0 } proof)
        {
            return false;
        }

        try
        {
            return _protector.Unprotect(proof) == Proof(account.Id, Stamp(principal), account.SecurityStamp);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private string? UserId(ClaimsPrincipal principal) => principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType);

    private string? Stamp(ClaimsPrincipal principal) => principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);

    private static string Proof(string? id, string? oldStamp, string? newStamp) => string.Join('\n', id, oldStamp, newStamp);
}
