using Strata.Infrastructure.Dav;
using Strata.Web.Identity;

namespace Strata.Web.Dav;

public static class DavRegistration
{
    public static IHostApplicationBuilder AddDav(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddDavStorage();
        // Bearer first: each scheme challenges in turn, so Basic's WWW-Authenticate is the one clients see.
        builder.Services.AddAuthorizationBuilder().AddPolicy(DavEndpoints.Policy, p => p
            .AddAuthenticationSchemes(BearerAuthenticationHandler.SchemeName, BasicAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());
        return builder;
    }
}
