using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Strata.Domain.Access;
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
/// document, as WebP, to whoever may read the file (others get the file's own 404); <c>?kind=info</c>: the facts of a
/// video or audio file as JSON (<see cref="MediaInfo"/>), read by the job that makes its thumbnails, so they share its
/// 202, 404 and 422; <c>?kind=video</c>: an H.264/AAC MP4 of a video browsers cannot play, with Range (404 for one they
/// play as it is). Made in the background; asked for before it is ready, it answers 202 with <c>Retry-After</c> and, if
/// nobody has asked for that size or page yet (2048, pages past the first, or content committed while Thumbnails was
/// off), queues it ahead of the background work. Once a document's page count is known it is sent as
/// <c>X-Page-Count</c>, and a page past it is a 404.
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
    private const string Json = "application/json";
    private const string Mp4 = "video/mp4";

    public static IEndpointRouteBuilder MapPreviewsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/previews/{**path}", GetAsync).RequireAuthorization().WithTags("Previews").WithName("GetPreview")
            .WithSummary("A file's thumbnail or document page (WebP); kind=info its media facts (JSON); kind=video a web-playable MP4 (Range). 202 while being made.")
            .Produces<Stream>(StatusCodes.Status200OK, Webp)
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                // A second Produces for 200 would replace the first: the JSON of kind=info is added beside the WebP.
                var schema = await context.GetOrCreateSchemaAsync(typeof(MediaInfo), null, cancellationToken);
                var ok = operation.Responses![StatusCodes.Status200OK.ToString(CultureInfo.InvariantCulture)].Content!;
                ok[Json] = new OpenApiMediaType { Schema = schema };
                ok[Mp4] = new OpenApiMediaType { Schema = ok[Webp].Schema };
            })
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
        [FromQuery] string? kind,
        [FromQuery] int? page,
        CancellationToken cancellationToken)
    {
        if (kind is not (null or "thumbnail" or "info" or "video"))
        {
            return FsProblems.BadRequest("'kind' must be thumbnail, info or video.");
        }

        if (!FsProblems.TryParsePath(path, out var nodePath, out var problem))
        {
            return problem;
        }

        return await ServeAsync(http.User.ToCaller(), nodePath, size, page, version, kind, http, files, renditions, scheduler, cancellationToken);
    }

    /// <summary>
    /// The preview of <paramref name="kind"/> of the file at <paramref name="nodePath"/> as <paramref name="caller"/> may
    /// read it: the app's endpoint passes the signed-in user, a public link its creator for a path inside the link.
    /// </summary>
    public static async Task<Results<FileStreamHttpResult, Accepted<PreviewPending>, ProblemHttpResult>> ServeAsync(
        Caller caller,
        NodePath nodePath,
        int? size,
        int? page,
        int? version,
        string? kind,
        HttpContext http,
        FileService files,
        RenditionService renditions,
        RenditionScheduler scheduler,
        CancellationToken cancellationToken)
    {
        // A video's copy is decided by its facts, so until they are read it answers as they do. The facts come with
        // the standard thumbnails: that rendition's state answers for them.
        var wantsInfo = kind is "info" or "video";
        var pixels = wantsInfo ? RenditionSize.Grid : size ?? RenditionSize.Grid;
        if (!RenditionSize.IsValid(pixels))
        {
            return FsProblems.BadRequest($"'size' must be one of {string.Join(", ", RenditionSize.All)}.");
        }

        var pageNumber = page ?? 1;
        if (pageNumber < 1)
        {
            return FsProblems.BadRequest("'page' must be 1 or more.");
        }

        var content = await files.GetContentAsync(caller, nodePath, version, cancellationToken);
        if (!content.Succeeded)
        {
            return FsProblems.From(content);
        }

        var (file, stored) = content.Value;
        if (!renditions.HasRenderer(file.ContentType))
        {
            return NoPreview($"Files of type {file.ContentType ?? "unknown"} have no preview.");
        }

        if (wantsInfo && !renditions.HasMediaInfo(file.ContentType))
        {
            return NoPreview($"Files of type {file.ContentType} have no media information.");
        }

        if (wantsInfo && await renditions.FindInfoAsync(stored.ContentHash, cancellationToken) is { } info)
        {
            return kind == "video"
                ? await VideoAsync(http.Response, files.Blobs, renditions, scheduler, file.ContentType!, stored.ContentHash, version is not null, cancellationToken)
                : await ServeAsync(http.Response, files.Blobs, info, Json, version is not null, ranges: false, cancellationToken);
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
                return wantsInfo
                    ? NoPreview("No media information was read from this file.")
                    : await ServeAsync(http.Response, files.Blobs, rendition, Webp, version is not null, ranges: false, cancellationToken);
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

    /// <summary>
    /// The web-playable copy of a video browsers cannot play, with Range so it seeks; queued on upload, or on the first
    /// request for a video uploaded while <c>VideoTranscode</c> was off. A video browsers play as it is has none: the client plays the original.
    /// </summary>
    private static async Task<Results<FileStreamHttpResult, Accepted<PreviewPending>, ProblemHttpResult>> VideoAsync(
        HttpResponse response, IBlobStore blobs, RenditionService renditions, RenditionScheduler scheduler, string contentType, string hash, bool byVersion,
        CancellationToken cancellationToken)
    {
        var media = await renditions.ReadMediaInfoAsync(hash, cancellationToken);
        if (media?.VideoCodec is null)
        {
            return NoPreview("The file has no video.");
        }

        if (VideoRenderer.IsBrowserPlayable(contentType, media))
        {
            return NoPreview("The original plays in the browser as it is; no copy is made.");
        }

        var video = await renditions.FindVideoAsync(hash, cancellationToken);
        if (video is null)
        {
            return await scheduler.QueueVideoAsync(hash, contentType, cancellationToken)
                ? Pending(response)
                : NoPreview("No web-playable copy has been made of this video, and transcoding is switched off.");
        }

        switch (video.Status)
        {
            case RenditionStatus.Ready:
                return await ServeAsync(response, blobs, video, Mp4, byVersion, ranges: true, cancellationToken);
            case RenditionStatus.Failed:
                return TypedResults.Problem(detail: video.FailureReason, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Transcode failed");
            default:
                if (renditions.IsStale(video))
                {
                    scheduler.RequeueVideo(video, contentType);
                }

                return Pending(response);
        }
    }

    private static async Task<FileStreamHttpResult> ServeAsync(
        HttpResponse response, IBlobStore blobs, Rendition rendition, string contentType, bool byVersion, bool ranges, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = byVersion ? CachedForGood : Revalidated;
        response.Headers.XContentTypeOptions = "nosniff";

        // The result answers If-None-Match with 304 itself, before reading a byte.
        return TypedResults.Stream(
            await blobs.OpenReadAsync(rendition.BlobHash!, cancellationToken), contentType, lastModified: rendition.CreatedAt, entityTag: new EntityTagHeaderValue(NodeInfo.ContentETag(rendition.BlobHash!)),
            enableRangeProcessing: ranges);
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
