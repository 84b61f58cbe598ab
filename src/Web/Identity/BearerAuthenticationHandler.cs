using System.Security.Claims;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Credentials;
using Strata.Infrastructure.Identity;

namespace Strata.Web.Identity;

/// <summary>Bearer personal access tokens (<c>strata_…</c>), made by users at <c>/api/v1/me/credentials</c>.</summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccountStampReader accounts,
    CredentialService credentials,
    UserPrincipalCache principals,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !SchemeName.Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(header.Parameter))
        {
            return AuthenticateResult.NoResult();
        }

        var userId = await credentials.VerifyTokenAsync(header.Parameter, Context.RequestAborted);
        var account = userId is null ? null : await accounts.ByIdAsync(userId, Context.RequestAborted);
        if (account is null || account.IsLockedOut(clock.GetUtcNow()))
        {
            return AuthenticateResult.Fail("Invalid or revoked token.");
        }

        var principal = principals.Find(account) ?? await PrincipalAsync(account.Id);
        if (principal is null)
        {
            return AuthenticateResult.Fail("Invalid or revoked token.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private async Task<ClaimsPrincipal?> PrincipalAsync(string userId)
    {
        var users = Context.RequestServices.GetRequiredService<UserManager<StrataUser>>();
        return await users.FindByIdAsync(userId) is { } user
            ? await principals.ForAsync(user, Context.RequestServices.GetRequiredService<SignInManager<StrataUser>>())
            : null;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Request.Headers.Authorization.ToString().StartsWith(SchemeName, StringComparison.OrdinalIgnoreCase)
            ? "Bearer error=\"invalid_token\""
            : "Bearer";
        return Task.CompletedTask;
    }
}
