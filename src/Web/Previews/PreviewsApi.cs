using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Strata.Domain.Files;
using Strata.Domain.Previews;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Previews;
using Strata.Web.Files;
using Strata.Web.Identity;
using Strata.Workers.Previews;

namespace Strata.Web.Previews;

/// <summary>
/// <c>/api/v1/previews/{path}?size=64|256|1024|2048&amp;page=N&amp;version=N</c>: a file's thumbnail, or a page of a
/// document, as WebP, to whoever may read the file (others get the file's own 404). Made in the background; asked for
/// before it is ready, it answers 202 with <c>Retry-After</c> and, if nobody has asked for that size or page yet (2048,
/// pages past the first, or content committed while Thumbnails was off), queues it ahead of the background work. Once
/// a document's page count is known it is sent as <c>X-Page-Count</c>, and a page past it is a 404.
/// </summary>
public static class PreviewsApi
{
    /// <summary>Seconds a client waits before asking again for a preview being made.</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>How many pages a document has, sent with its pages once known.</summary>
    public const string PageCountHeader = "X-Page-Count";

    /// <summary>
    /// A version's thumbnail never changes, so one asked for by version is cached for good. Without a version the
    /// address follows the file's newest content, so the browser asks again each time (a 304 when unchanged).
    /// </summary>
    private const string CachedForGood = "private, max-age=31536000, immutable";
    private const string Revalidated = "private, no-cache";
    private const string Webp = "image/webp";

    public static IEndpointRouteBuilder MapPreviewsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/previews/{**path}", GetAsync).RequireAuthorization().WithTags("Previews").WithName("GetPreview")
            .WithSummary("A file's thumbnail or document page (WebP): 202 while it is being made, 404 when its type has none.")
            .Produces<Stream>(StatusCodes.Status200OK, Webp)
            .Produces(StatusCodes.Status304NotModified);
        return endpoints;
    }

    public static async Task<Results<FileStreamHttpResult, Accepted<PreviewPending>, ProblemHttpResult>> GetAsync(
        string? path,
        HttpContext http,
        FileService files,
        RenditionService renditions,
        RenditionScheduler scheduler,
        [FromQuery] int? size,
        [FromQuery] int? version,
        [FromQuery] int? page,
        CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var nodePath, out var problem))
        {
            return problem;
        }

        var pixels = size ?? RenditionSize.Grid;
        if (!RenditionSize.IsValid(pixels))
        {
            return FsProblems.BadRequest($"'size' must be one of {string.Join(", ", RenditionSize.All)}.");
        }

        var pageNumber = page ?? 1;
        if (pageNumber < 1)
        {
            return FsProblems.BadRequest("'page' must be 1 or more.");
        }

        var content = await files.GetContentAsync(http.User.ToCaller(), nodePath, version, cancellationToken);
        if (!content.Succeeded)
        {
            return FsProblems.From(content);
        }

        var (file, stored) = content.Value;
        if (!renditions.HasRenderer(file.ContentType))
        {
            return NoPreview($"Files of type {file.ContentType ?? "unknown"} have no preview.");
        }

        if (renditions.HasPages(file.ContentType))
        {
            if (await renditions.PageCountAsync(stored.ContentHash, cancellationToken) is { } count)
            {
                http.Response.Headers[PageCountHeader] = count.ToString(CultureInfo.InvariantCulture);
                if (pageNumber > count)
                {
                    return NoPreview(string.Create(CultureInfo.InvariantCulture, $"The document has {count} pages; there is no page {pageNumber}."));
                }
            }
        }
        else if (pageNumber != 1)
        {
            return NoPreview($"Files of type {file.ContentType} have no pages.");
        }

        var rendition = await renditions.FindAsync(stored.ContentHash, pageNumber, pixels, cancellationToken);
        if (rendition is null)
        {
            // Claimed by a request racing this one, or refused because Thumbnails is off: look again.
            return await scheduler.QueueAsync(stored.ContentHash, file.ContentType!, pageNumber, [pixels], interactive: true, cancellationToken)
                || await renditions.FindAsync(stored.ContentHash, pageNumber, pixels, cancellationToken) is not null
                ? Pending(http.Response)
                : NoPreview("No preview has been made of this file, and thumbnails are switched off.");
        }

        switch (rendition.Status)
        {
            case RenditionStatus.Ready:
                return Serve(http.Response, files.Blobs, rendition, version is not null);
            case RenditionStatus.Failed:
                return TypedResults.Problem(
                    detail: rendition.FailureReason, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Preview failed");
            default:
                if (renditions.IsStale(rendition))
                {
                    scheduler.Requeue(rendition, file.ContentType!);
                }

                return Pending(http.Response);
        }
    }

    private static FileStreamHttpResult Serve(HttpResponse response, IBlobStore blobs, Rendition rendition, bool byVersion)
    {
        response.Headers.CacheControl = byVersion ? CachedForGood : Revalidated;
        response.Headers.XContentTypeOptions = "nosniff";

        // The result answers If-None-Match with 304 itself, before reading a byte.
        return TypedResults.Stream(
            blobs.OpenRead(rendition.BlobHash!), Webp, lastModified: rendition.CreatedAt, entityTag: new EntityTagHeaderValue(NodeInfo.ContentETag(rendition.BlobHash!)));
    }

    private static Accepted<PreviewPending> Pending(HttpResponse response)
    {
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted((string?)null, new PreviewPending(RetryAfterSeconds));
    }

    private static ProblemHttpResult NoPreview(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "No preview");
}

/// <summary>The preview is being made; ask again after <paramref name="RetryAfterSeconds"/>.</summary>
public sealed record PreviewPending(int RetryAfterSeconds);
