namespace Strata.Web.Tags;

public static class TagsEndpoints
{
    /// <summary>Tags, favorites and their administration.</summary>
    public static IEndpointRouteBuilder MapTags(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTagsApi();
        endpoints.MapFavoritesApi();
        endpoints.MapAdminTagsApi();
        return endpoints;
    }
}
