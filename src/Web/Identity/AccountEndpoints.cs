using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Strata.Infrastructure.Identity;

namespace Strata.Web.Identity;

/// <summary>Cookie sign-out, and the guard that keeps the cookie from authorising cross-site API writes.</summary>
public static class AccountEndpoints
{
    /// <summary>Browsers cannot send this header cross-site without a CORS preflight, which Strata never grants.</summary>
    public const string CsrfHeader = "X-Requested-With";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (SignInManager<StrataUser> signIn) =>
            {
                await signIn.SignOutAsync();
                return TypedResults.LocalRedirect("/account/login");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();

        // Re-issues the cookie after the profile page rotated the security stamp (password, two-factor); SessionStamps
        // lets the old cookie this far only with the page's proof.
        endpoints.MapGet(SessionStamps.RefreshPath, async (string? message, SignInManager<StrataUser> signIn, HttpContext context) =>
            {
                if (await signIn.UserManager.GetUserAsync(context.User) is { } user)
                {
                    await signIn.RefreshSignInAsync(user);
                }

                return TypedResults.LocalRedirect("/profile" + QueryString.Create("message", message ?? string.Empty));
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// Writes to the API that a browser marks as coming from another site are refused, whatever authenticated them:
    /// a browser re-sends Basic credentials it was given for this site on its own, as it does the cookie. Cookie-
    /// authenticated writes must also carry <see cref="CsrfHeader"/>, for browsers that send neither mark.
    /// Programs (curl, rclone, scripts) send no such marks and are not affected.
    /// </summary>
    public static IApplicationBuilder UseApiCsrfGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if (unsafeMethod && IdentityRegistration.IsApiPath(request.Path))
        {
            var refusal = IsFromAnotherSite(request)
                ? "The browser says this request comes from another site."
                : IsCookieAuthenticated(context) && !request.Headers.ContainsKey(CsrfHeader)
                    ? $"Requests authenticated by the browser cookie must send the {CsrfHeader} header."
                    : null;
            if (refusal is not null)
            {
                await Results.Problem(detail: refusal, statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused").ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    });

    /// <summary><c>Sec-Fetch-Site</c> where the browser sends it (all current ones), else an <c>Origin</c> of another host.</summary>
    private static bool IsFromAnotherSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is not ("same-origin" or "none");
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var from) && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsCookieAuthenticated(HttpContext context) =>
        context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme == IdentityConstants.ApplicationScheme;
}
