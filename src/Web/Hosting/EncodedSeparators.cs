using Microsoft.AspNetCore.Http.Features;
using Strata.Domain.Files;
using Strata.Web.Dav;

namespace Strata.Web.Hosting;

/// <summary>
/// Kestrel decodes a request's path once, except <c>%2F</c>, which it leaves encoded so that it cannot become a
/// separator; so <c>PUT …/a%2Fb</c> created a file named <c>a%2Fb</c>, the name <c>a%252Fb</c> decodes to. Before any
/// front door reads a node path from its route's <c>{**path}</c>, a request whose target holds an encoded separator
/// is refused here (400, <see cref="NodePath.EncodedSeparatorError"/>), over the API and WebDAV alike; every path
/// that passes is the target decoded exactly once.
/// </summary>
internal static class EncodedSeparators
{
    public const string PathParameter = "path";

    public static IApplicationBuilder UseEncodedSeparatorCheck(this IApplicationBuilder app) => app.Use(static async (http, next) =>
    {
        if (NamesANode(http) && NodePath.EncodedSeparatorError(EncodedPath(http)) is { } error)
        {
            await RefuseAsync(http, error);
            return;
        }

        await next(http);
    });

    private static bool NamesANode(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint endpoint && endpoint.RoutePattern.GetParameter(PathParameter) is { IsCatchAll: true };

    /// <summary>The request target's path as the client sent it, before any decoding.</summary>
    private static string EncodedPath(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target))
        {
            return http.Request.Path.Value ?? string.Empty;
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? target : target[..query];
    }

    private static Task RefuseAsync(HttpContext http, string error)
    {
        if (http.Request.Path.StartsWithSegments(DavPaths.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return DavResponses.WriteErrorAsync(http.Response, StatusCodes.Status400BadRequest, error);
        }

        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = "Bad request", Detail = error },
        }).AsTask();
    }
}
