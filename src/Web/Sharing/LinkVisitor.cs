using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Strata.Infrastructure.Files;
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
/// Opens links for visitors of the API and the landing page alike, so that one rule decides everywhere. A proven
/// password is remembered in an HttpOnly cookie holding a protected, time-limited link id, scoped by path to that
/// link's page and API only: the password itself never leaves the form post, and never appears in a URL.
/// </summary>
public sealed class LinkVisitor(LinkService links, FileService files, IDataProtectionProvider protection)
{
    public const string PasswordHeader = "X-Link-Password";
    public const string CookieName = "strata-link";
    public static readonly TimeSpan UnlockLifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Strata.Links.Unlock").ToTimeLimitedDataProtector();

    /// <summary>The landing page of a link; the API for its contents is under <see cref="ApiBase"/>.</summary>
    public static string PageBase(string token) => "/s/" + token;

    public static string ApiBase(string token) => "/api/v1/public/" + token;

    /// <summary>Opens the link and resolves <paramref name="relativePath"/> inside it; a path outside is simply not found.</summary>
    public async Task<LinkVisit> VisitAsync(HttpContext http, string token, string? relativePath, CancellationToken cancellationToken)
    {
        var access = await OpenAsync(http, token, cancellationToken);
        var scope = await links.ScopeAsync(access, cancellationToken);
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

    /// <summary>Checks a password typed on the landing page and, when right, remembers it for this link in the cookie.</summary>
    public async Task<LinkOutcome> UnlockAsync(HttpContext http, string token, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var access = await links.OpenAsync(token, password, ClientAddress(http), cancellationToken);
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

    private Task<LinkAccess> OpenAsync(HttpContext http, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = ClientAddress(http);
        if (http.Request.Headers[PasswordHeader].ToString() is { Length: > 0 } password)
        {
            return links.OpenAsync(token, password, address, cancellationToken);
        }

        return ProvenLinkId(http) is { } proven
            ? links.OpenProvenAsync(token, proven, address, cancellationToken)
            : links.OpenAsync(token, password: null, address, cancellationToken);
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
