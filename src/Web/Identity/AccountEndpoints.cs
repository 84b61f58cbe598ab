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
    /// Cookie-authenticated writes to the API must carry <see cref="CsrfHeader"/>; Basic and Bearer
    /// requests are not affected (a browser never adds those on its own).
    /// </summary>
    public static IApplicationBuilder UseApiCsrfGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if (unsafeMethod
            && IdentityRegistration.IsApiPath(request.Path)
            && context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme == IdentityConstants.ApplicationScheme
            && !request.Headers.ContainsKey(CsrfHeader))
        {
            await Results.Problem(
                    detail: $"Requests authenticated by the browser cookie must send the {CsrfHeader} header.",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Cross-site request refused")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}
