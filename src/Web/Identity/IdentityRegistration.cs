using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Strata.Infrastructure.Credentials;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;

namespace Strata.Web.Identity;

public static class IdentityRegistration
{
    /// <summary>Chooses the scheme per request: Basic and Bearer headers for API/WebDAV clients, the cookie for browsers.</summary>
    public const string SelectorScheme = "Strata";

    /// <summary>Administration: flags, jobs, later users and groups.</summary>
    public const string AdminPolicy = "Admin";

    public static IHostApplicationBuilder AddStrataIdentity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services
            .AddIdentity<StrataUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
            })
            .AddEntityFrameworkStores<StrataDbContext>()
            .AddDefaultTokenProviders();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.Cookie.Name = "strata";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
            o.Events.OnValidatePrincipal = SessionStamps.ValidateAsync;
            o.Events.OnRedirectToLogin = ctx => ChallengeApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            // Signed in but not allowed: a plain 403, there is no page that could help.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        builder.Services.AddAuthentication(o =>
            {
                // AddIdentity set the cookie as the default for each action; route all of them through the selector.
                o.DefaultScheme = SelectorScheme;
                o.DefaultAuthenticateScheme = SelectorScheme;
                o.DefaultChallengeScheme = SelectorScheme;
                o.DefaultForbidScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, "Cookie, Basic or Bearer", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);

        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<UserPrincipalCache>();
        builder.Services.AddSingleton<CredentialService>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<SessionStamps>();
        builder.Services.AddScoped<AuthenticationStateProvider, CircuitRevalidation>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));
        return builder;
    }

    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMeApi();
        endpoints.MapSetupApi();
        endpoints.MapAccountEndpoints();
        endpoints.MapAdminUsersApi();
        return endpoints;
    }

    private static string SelectScheme(HttpContext context)
    {
        string authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return BasicAuthenticationHandler.SchemeName;
        }

        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return BearerAuthenticationHandler.SchemeName;
        }

        // API paths answer an anonymous request with a Basic challenge rather than a login redirect.
        return IsApiPath(context.Request.Path) && !context.Request.Cookies.ContainsKey("strata")
            ? BasicAuthenticationHandler.SchemeName
            : IdentityConstants.ApplicationScheme;
    }

    /// <summary>Paths used by programs rather than pages: they answer 401, never a login redirect.</summary>
    internal static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);

    private static Task ChallengeApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsApiPath(context.Request.Path))
        {
            context.Response.StatusCode = status;
            context.Response.Headers.WWWAuthenticate = BasicAuthenticationHandler.Challenge;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
