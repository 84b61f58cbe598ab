using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Strata.Domain.Previews;
using Strata.Infrastructure.Search;
using Strata.Web.Identity;
using Strata.Workers.Search;

namespace Strata.Web.Search;

/// <summary>
/// <c>/api/v1/admin/search/extractions</c>: what came of reading each content's text (failed, skipped or read), and a
/// retry for a failure.
/// </summary>
public static class AdminExtractionsApi
{
    /// <summary>How many contents one page lists.</summary>
    public const int PageSize = 100;

    public static IEndpointRouteBuilder MapAdminExtractionsApi(this IEndpointRouteBuilder endpoints)
    {
        var extractions = endpoints.MapGroup("/api/v1/admin/search/extractions").RequireAuthorization(IdentityRegistration.AdminPolicy)
            .WithTags("Administration");
        extractions.MapGet("/", ListAsync).WithName("ListTextExtractions")
            .WithSummary("Contents whose text failed, was skipped or was read, newest first, each with a file that holds it and the reason.");
        extractions.MapPost("/{hash}/retry", RetryAsync).WithName("RetryTextExtraction")
            .WithSummary("Reads a content's failed text again from a fresh start, on the search queue.");
        return endpoints;
    }

    /// <param name="status"><c>failed</c> (the default), <c>skipped</c> or <c>ready</c>.</param>
    /// <param name="cursor">The previous page's <c>nextCursor</c>.</param>
    /// <param name="outcomes">The recorded outcomes.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    public static async Task<Results<Ok<ExtractionOutcomePage>, ProblemHttpResult>> ListAsync(
        [FromQuery] string? status, [FromQuery] long? cursor, ExtractionOutcomes outcomes, CancellationToken cancellationToken)
    {
        if (ParseStatus(status) is not { } wanted)
        {
            return TypedResults.Problem(detail: "status must be failed, skipped or ready.", statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Ok(await outcomes.ListAsync(wanted, cursor, PageSize, cancellationToken));
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> RetryAsync(string hash, TextExtractionScheduler scheduler, CancellationToken cancellationToken) =>
        await scheduler.RetryAsync(hash, cancellationToken) switch
        {
            ExtractionRetry.Queued => TypedResults.Accepted((string?)null),
            ExtractionRetry.SearchOff => TypedResults.Problem(
                detail: "Search is switched off; switch the Search flag on to retry.", statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Problem(
                detail: "The text of this content has not failed (a skip is final), or no file holds it any more.", statusCode: StatusCodes.Status404NotFound),
        };

    /// <summary>The outcomes an administrator lists; a pending one is on its way and has nothing to say yet.</summary>
    private static RenditionStatus? ParseStatus(string? status) => status?.ToUpperInvariant() switch
    {
        null or "FAILED" => RenditionStatus.Failed,
        "SKIPPED" => RenditionStatus.Skipped,
        "READY" => RenditionStatus.Ready,
        _ => null,
    };
}
