namespace Strata.Web.Previews;

/// <summary>The previews API; renditions are registered by <c>Strata.Infrastructure.Previews.PreviewsRegistration.AddPreviews</c>, their jobs by <c>AddJobs</c>.</summary>
public static class PreviewsRegistration
{
    public static IEndpointRouteBuilder MapPreviews(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPreviewsApi();
        endpoints.MapAdminPreviewsApi();
        return endpoints;
    }
}
