namespace Strata.Web.Sharing;

/// <summary>Groups, permissions and links: the owners' and administrators' API and the visitors' front door.</summary>
public static class SharingRegistration
{
    public static IHostApplicationBuilder AddPublicLinks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<LinkVisitor>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSharing(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAdminGroupsApi();
        endpoints.MapPermissionsApi();
        endpoints.MapLinksApi();
        endpoints.MapAdminLinkPolicyApi();
        endpoints.MapPublicLinksApi();
        return endpoints;
    }
}
