using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Credentials;
using Strata.Infrastructure.Identity;

namespace Strata.Web.Identity;

/// <summary>
/// HTTP Basic with the account's email and either an app password or, while two-factor sign-in is off,
/// the account password (remembered briefly by <see cref="VerifiedPasswordCache"/>).
/// </summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ILookupNormalizer normalizer,
    AccountStampReader accounts,
    CredentialService credentials,
    VerifiedPasswordCache verified,
    SignInThrottle throttle,
    UserPrincipalCache principals,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";
    public const string Challenge = "Basic realm=\"Strata\", charset=\"UTF-8\"";

    private static readonly object Throttled = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !SchemeName.Equals(header.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (!TryDecode(header.Parameter, out var email, out var password))
        {
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }

        var account = await accounts.ByEmailAsync(normalizer.NormalizeEmail(email), Context.RequestAborted);
        var disabled = account is not null && account.IsLockedOut(clock.GetUtcNow());
        var passwordLocked = account is not null && await throttle.IsLockedAsync(Context, account.Id);

        // The common case, a client repeating a password verified moments ago, needs nothing but the stamps.
        if (!disabled && !passwordLocked && account is { TwoFactorEnabled: false } && verified.IsVerified(Subject(email), account.SecurityStamp, password) && principals.Find(account) is { } remembered)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(remembered, SchemeName));
        }

        // Past this point every attempt costs a password hash: a client that has failed too often gets none.
        if (await throttle.IsExhaustedAsync(Context))
        {
            Context.Items[Throttled] = true;
            return AuthenticateResult.Fail("Too many failed sign-ins from this address.");
        }

        if (account is null || disabled)
        {
            // Hash anyway, so that an unknown account, a disabled one and a wrong password take the same time.
            Users.PasswordHasher.HashPassword(new StrataUser(), password);
            await throttle.RecordFailureAsync(Context);
            return AuthenticateResult.Fail("Invalid credentials.");
        }

        var user = await Users.FindByIdAsync(account.Id);
        if (user is null || !await IsValidAsync(user, email, password, passwordLocked))
        {
            await throttle.RecordFailureAsync(Context, account.Id);
            return AuthenticateResult.Fail("Invalid credentials.");
        }

        var principal = await principals.ForAsync(user, SignIn);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    // Resolved only off the fast path: building them is a good part of a request that finds its credential remembered.
    private UserManager<StrataUser> Users => Context.RequestServices.GetRequiredService<UserManager<StrataUser>>();

    private SignInManager<StrataUser> SignIn => Context.RequestServices.GetRequiredService<SignInManager<StrataUser>>();

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(Throttled))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)FailedAttempts.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Challenge;
        return Task.CompletedTask;
    }

    /// <summary>
    /// An app password is accepted even while the account's password is locked from this address: password guesses
    /// must not shut out a sync client. A locked password is not checked, but hashed all the same, so that a lockout
    /// answers as a wrong password does, after as much work.
    /// </summary>
    private async Task<bool> IsValidAsync(StrataUser user, string email, string password, bool passwordLocked)
    {
        var accountPasswordAllowed = !user.TwoFactorEnabled;
        if (accountPasswordAllowed && !passwordLocked && verified.IsVerified(Subject(email), user.SecurityStamp, password))
        {
            return true;
        }

        if (await credentials.VerifyAppPasswordAsync(user.Id, password, Context.RequestAborted))
        {
            return true;
        }

        if (!accountPasswordAllowed || passwordLocked)
        {
            Users.PasswordHasher.HashPassword(new StrataUser(), password);
            return false;
        }

        var result = await SignIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            verified.Remember(Subject(email), user.SecurityStamp, password);
        }

        return result.Succeeded;
    }

    private static string Subject(string email) => "account:" + email.ToUpperInvariant();

    private static bool TryDecode(string? parameter, out string email, out string password)
    {
        email = password = string.Empty;
        if (string.IsNullOrEmpty(parameter))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            // Windows' WebDAV client may put a domain or host before the name (DOMAIN\user); no email has a backslash.
            var user = decoded[..colon];
            email = user[(user.LastIndexOf('\\') + 1)..];
            password = decoded[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
