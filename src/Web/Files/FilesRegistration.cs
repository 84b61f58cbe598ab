namespace Strata.Web.Files;

/// <summary>The files API; its services are registered by <c>Strata.Infrastructure.Files.FilesRegistration.AddFiles</c>.</summary>
public static class FilesRegistration
{
    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFsApi();
        endpoints.MapFsContentApi();
        endpoints.MapVersionsApi();
        endpoints.MapZipApi();
        return endpoints;
    }
}
