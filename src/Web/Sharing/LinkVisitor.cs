using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Domain.Sharing;
using Strata.Infrastructure.Sharing;

namespace Strata.Web.Sharing;

/// <summary>
/// How a visitor without an account presents a link, for every front door that accepts one: the token (in the
/// path of link pages, in <see cref="TokenHeader"/> on the tus endpoint) and the password in
/// <see cref="PasswordHeader"/>, never in the URL; and how refusals look to them.
/// </summary>
public static class LinkVisitor
{
    public const string TokenHeader = "X-Link-Token";
    public const string PasswordHeader = "X-Link-Password";

    /// <summary>Opens <paramref name="token"/> as a link of <paramref name="kind"/> (any kind when null) for this request's client.</summary>
    public static Task<LinkAccess> OpenAsync(string token, HttpContext http, LinkService service, LinkKind? kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(service);
        var password = http.Request.Headers[PasswordHeader].ToString();
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return service.OpenAsync(token, password.Length > 0 ? password : null, address, kind, cancellationToken);
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
                http.Response.Headers.RetryAfter = ((int)LinkService.FailureWindow.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(detail: "Too many failed attempts; try again later.", statusCode: StatusCodes.Status429TooManyRequests);
            default:
                return NotFound();
        }
    }

    public static ProblemHttpResult NotFound() => TypedResults.Problem(detail: "There is no such link.", statusCode: StatusCodes.Status404NotFound);
}
