using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Infrastructure.Previews;
using Strata.Web.Identity;
using Strata.Workers.Previews;

namespace Strata.Web.Previews;

/// <summary><c>/api/v1/admin/previews/failures</c>: thumbnails that could not be made, and a retry for each.</summary>
public static class AdminPreviewsApi
{
    /// <summary>How many failed contents one listing shows; the newest come first.</summary>
    public const int ListLimit = 200;

    public static IEndpointRouteBuilder MapAdminPreviewsApi(this IEndpointRouteBuilder endpoints)
    {
        var failures = endpoints.MapGroup("/api/v1/admin/previews/failures").RequireAuthorization(IdentityRegistration.AdminPolicy).WithTags("Administration");
        failures.MapGet("/", async (RenditionService renditions, CancellationToken cancellationToken) =>
                TypedResults.Ok(await renditions.ListFailuresAsync(sourceHash: null, ListLimit, cancellationToken)))
            .WithName("ListPreviewFailures").WithSummary("Contents whose thumbnails failed, newest first, each with a file that holds it and the reason.");
        failures.MapPost("/{hash}/retry", RetryAsync).WithName("RetryPreview")
            .WithSummary("Makes a content's failed thumbnails again, on the interactive queue.");
        return endpoints;
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> RetryAsync(
        string hash, RenditionService renditions, RenditionScheduler scheduler, CancellationToken cancellationToken)
    {
        if (await renditions.ListFailuresAsync(hash, limit: 1, cancellationToken) is not [var failure, ..])
        {
            return TypedResults.Problem(detail: "No thumbnail of this content has failed.", statusCode: StatusCodes.Status404NotFound);
        }

        return await scheduler.RetryAsync(failure, cancellationToken)
            ? TypedResults.Accepted((string?)null)
            : TypedResults.Problem(detail: "Thumbnails are switched off; switch the Thumbnails flag on to retry.", statusCode: StatusCodes.Status409Conflict);
    }
}
