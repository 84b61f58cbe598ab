using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Domain.Files;
using Strata.Domain.Sharing;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Sharing;

namespace Strata.Web.Sharing;

/// <summary>
/// A visitor's request resolved against a link: opened (password from the <c>X-Link-Password</c> header or the unlock
/// cookie), scoped to the link's sub-tree and resolved to one item. When a step fails, <see cref="Succeeded"/> is false
/// and <see cref="LinkAccess.Outcome"/> says which answer to give.
/// </summary>
public sealed record LinkVisit(LinkAccess Access, LinkScope? Scope, NodeInfo? Item)
{
    public bool Succeeded => Scope is not null && Item is not null;
}

/// <summary>
/// Opens links for visitors of the API, the landing page and the tus endpoint alike, so that one rule decides
/// everywhere. The token is in the path of link pages and in <see cref="TokenHeader"/> on the tus endpoint; the
/// password is in <see cref="PasswordHeader"/>, or proven earlier and remembered in an HttpOnly cookie holding a
/// protected, time-limited link id, scoped by path to that link's page and API only: the password itself never
/// leaves the form post, and never appears in a URL.
/// </summary>
public sealed class LinkVisitor(LinkService links, FileService files, IDataProtectionProvider protection)
{
    public const string TokenHeader = "X-Link-Token";
    public const string PasswordHeader = "X-Link-Password";
    public const string CookieName = "strata-link";
    public static readonly TimeSpan UnlockLifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Strata.Links.Unlock").ToTimeLimitedDataProtector();

    /// <summary>The landing page of a link; the API for its contents is under <see cref="ApiBase"/>.</summary>
    public static string PageBase(string token) => "/s/" + token;

    public static string ApiBase(string token) => "/api/v1/public/" + token;

    /// <summary>
    /// Opens the link (a download link unless <paramref name="kind"/> says otherwise; null for any kind) and resolves
    /// <paramref name="relativePath"/> inside it; a path outside is simply not found.
    /// </summary>
    public async Task<LinkVisit> VisitAsync(HttpContext http, string token, string? relativePath, CancellationToken cancellationToken, LinkKind? kind = LinkKind.Download)
    {
        var access = await OpenAsync(http, token, kind, cancellationToken);
        var scope = access.Scope();
        if (scope is null)
        {
            return new LinkVisit(access.Outcome == LinkOutcome.Ok ? access with { Outcome = LinkOutcome.NotFound } : access, null, null);
        }

        if (!scope.TryResolve(relativePath, out var path) || await files.GetAsync(scope.Creator, path, cancellationToken) is not { Succeeded: true } found)
        {
            return new LinkVisit(access with { Outcome = LinkOutcome.NotFound }, scope, null);
        }

        return new LinkVisit(access, scope, found.Value);
    }

    /// <summary>
    /// Checks a password typed on the landing page and, when right, remembers it for this link in the cookie. Any kind
    /// unlocks: the landing page serves upload links too, and each later visit still checks the kind it serves.
    /// </summary>
    public async Task<LinkOutcome> UnlockAsync(HttpContext http, string token, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var access = await links.OpenAsync(token, password, ClientAddress(http), kind: null, cancellationToken);
        if (access.Outcome == LinkOutcome.Ok)
        {
            var proof = _protector.Protect(access.LinkId.ToString(CultureInfo.InvariantCulture), UnlockLifetime);
            foreach (var path in new[] { PageBase(token), ApiBase(token) })
            {
                http.Response.Cookies.Append(CookieName, proof, new CookieOptions
                {
                    Path = path,
                    HttpOnly = true,
                    Secure = http.Request.IsHttps,
                    SameSite = SameSiteMode.Strict,
                    MaxAge = UnlockLifetime,
                    IsEssential = true,
                });
            }
        }

        return access.Outcome;
    }

    /// <summary>Opens a link of <paramref name="kind"/> (any kind when null) with the password from the request's header.</summary>
    public static Task<LinkAccess> OpenFromHeadersAsync(string token, HttpContext http, LinkService service, LinkKind? kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(service);
        var password = http.Request.Headers[PasswordHeader].ToString();
        return service.OpenAsync(token, password.Length > 0 ? password : null, ClientAddress(http), kind, cancellationToken);
    }

    /// <summary>The answer to a link that did not open: unknown, wrong kind, expired and revoked all look the same.</summary>
    public static ProblemHttpResult Refusal(LinkAccess access, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(http);
        switch (access.Outcome)
        {
            case LinkOutcome.PasswordRequired:
                return TypedResults.Problem(detail: $"This link needs its password in the {PasswordHeader} header.", statusCode: StatusCodes.Status401Unauthorized);
            case LinkOutcome.TooManyAttempts:
                http.Response.Headers.RetryAfter = ((int)FailedAttempts.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(detail: "Too many failed attempts; try again later.", statusCode: StatusCodes.Status429TooManyRequests);
            default:
                return NotFound();
        }
    }

    public static ProblemHttpResult NotFound() => TypedResults.Problem(detail: "There is no such link.", statusCode: StatusCodes.Status404NotFound);

    private Task<LinkAccess> OpenAsync(HttpContext http, string token, LinkKind? kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Headers[PasswordHeader].ToString() is { Length: > 0 })
        {
            return OpenFromHeadersAsync(token, http, links, kind, cancellationToken);
        }

        var address = ClientAddress(http);
        return ProvenLinkId(http) is { } proven
            ? links.OpenProvenAsync(token, proven, address, kind, cancellationToken)
            : links.OpenAsync(token, password: null, address, kind, cancellationToken);
    }

    /// <summary>The link id the unlock cookie vouches for; a forged, expired or foreign cookie vouches for nothing.</summary>
    private long? ProvenLinkId(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return null;
        }

        try
        {
            return long.TryParse(_protector.Unprotect(cookie), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
