using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Infrastructure.Uploads;
using Strata.Web.Files;
using Strata.Web.Identity;

namespace Strata.Web.Uploads;

/// <summary>
/// <c>/api/v1/uploads</c>: tus 1.0.0 resumable uploads with the creation, creation-with-upload,
/// termination and expiration extensions. The state machine is <see cref="UploadService"/>'s; this maps
/// headers to it and its outcomes to status codes (errors with a body are problem details).
/// </summary>
public static class TusEndpoints
{
    private const string Root = "/api/v1/uploads";

    public static IEndpointRouteBuilder MapUploads(this IEndpointRouteBuilder endpoints)
    {
        var uploads = endpoints.MapGroup(Root).RequireAuthorization().AddEndpointFilter<TusResumableFilter>().WithTags("Uploads");

        // Discovery tells nothing about anyone's uploads, and browsers send it without credentials.
        uploads.MapMethods(string.Empty, [HttpMethods.Options], Discover).AllowAnonymous().WithName("DiscoverUploads");
        uploads.MapPost(string.Empty, CreateAsync).WithName("CreateUpload");
        uploads.MapMethods("/{id}", [HttpMethods.Head], HeadAsync).WithName("GetUploadOffset");
        uploads.MapPatch("/{id}", PatchAsync).WithName("AppendToUpload");
        uploads.MapDelete("/{id}", TerminateAsync).WithName("TerminateUpload");
        return endpoints;
    }

    public static NoContent Discover(HttpContext http, UploadService uploads)
    {
        var headers = http.Response.Headers;
        headers[TusHeaders.SupportedVersions] = TusHeaders.Version;
        headers[TusHeaders.SupportedExtensions] = TusHeaders.Extensions;
        if (uploads.Options.MaxSize is { } max)
        {
            headers[TusHeaders.MaxSize] = max.ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.NoContent();
    }

    /// <summary>
    /// Opens an upload of <c>Upload-Length</c> bytes named by <c>Upload-Metadata</c> (<c>filename</c>,
    /// <c>folder</c>, optional <c>filetype</c>); the target is checked now, as a PUT would check it.
    /// A body sent along (creation-with-upload) is appended at once.
    /// </summary>
    public static async Task<IResult> CreateAsync(HttpContext http, UploadService uploads, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (request.Headers.ContainsKey(TusHeaders.UploadDeferLength))
        {
            return FsProblems.BadRequest("Upload-Defer-Length is not supported; send Upload-Length.");
        }

        if (!TryParseCount(request.Headers[TusHeaders.UploadLength], out var length))
        {
            return FsProblems.BadRequest("Upload-Length must be a non-negative integer.");
        }

        if (length > uploads.Options.MaxSize)
        {
            return TooLarge($"Uploads are limited to {uploads.Options.MaxSize} bytes (Tus-Max-Size).");
        }

        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (hasBody && !IsOffsetStream(request))
        {
            return UnsupportedContentType();
        }

        if (!TryReadTarget(request.Headers[TusHeaders.UploadMetadata].ToString(), length, out var target, out var invalid))
        {
            return FsProblems.BadRequest(invalid);
        }

        var caller = http.User.ToCaller();
        var created = await uploads.CreateAsync(caller, target, cancellationToken);
        if (!created.Succeeded)
        {
            return FsProblems.From(created);
        }

        var upload = created.Value!;
        http.Response.Headers.Location = $"{Root}/{upload.Id}";
        SetExpires(http.Response, upload.ExpiresAt);
        if (!hasBody && length > 0)
        {
            return TypedResults.StatusCode(StatusCodes.Status201Created);
        }

        // An empty file is complete as soon as it exists; otherwise this is creation-with-upload.
        var appended = await uploads.AppendAsync(caller, upload.Id, 0, request.ContentLength, request.Body, cancellationToken);
        return Respond(http.Response, appended, StatusCodes.Status201Created);
    }

    /// <summary>The durable offset: after a crash it is exactly the bytes that were fsynced and recorded.</summary>
    public static async Task<Results<Ok, NotFound>> HeadAsync(string id, HttpContext http, UploadService uploads, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        var upload = await uploads.FindAsync(http.User.ToCaller(), id, cancellationToken);
        if (upload is null)
        {
            return TypedResults.NotFound();
        }

        var headers = http.Response.Headers;
        headers[TusHeaders.UploadOffset] = upload.Offset.ToString(CultureInfo.InvariantCulture);
        headers[TusHeaders.UploadLength] = upload.Length.ToString(CultureInfo.InvariantCulture);
        if (upload.Metadata.Length > 0)
        {
            headers[TusHeaders.UploadMetadata] = upload.Metadata;
        }

        SetExpires(http.Response, upload.ExpiresAt);
        return TypedResults.Ok();
    }

    /// <summary>Appends the body at <c>Upload-Offset</c>; the last byte commits the file into its folder.</summary>
    public static async Task<IResult> PatchAsync(string id, HttpContext http, UploadService uploads, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (!IsOffsetStream(request))
        {
            return UnsupportedContentType();
        }

        if (!TryParseCount(request.Headers[TusHeaders.UploadOffset], out var offset))
        {
            return FsProblems.BadRequest("Upload-Offset must be a non-negative integer.");
        }

        var appended = await uploads.AppendAsync(http.User.ToCaller(), id, offset, request.ContentLength, request.Body, cancellationToken);
        return Respond(http.Response, appended, StatusCodes.Status204NoContent);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> TerminateAsync(string id, HttpContext http, UploadService uploads, CancellationToken cancellationToken) =>
        await uploads.TerminateAsync(http.User.ToCaller(), id, cancellationToken)
            ? TypedResults.NoContent()
            : UploadNotFound();

    private static IResult Respond(HttpResponse response, AppendResult result, int success)
    {
        if (result.Status == AppendStatus.NotFound)
        {
            return UploadNotFound();
        }

        response.Headers[TusHeaders.UploadOffset] = result.Offset.ToString(CultureInfo.InvariantCulture);
        SetExpires(response, result.ExpiresAt);
        switch (result.Status)
        {
            case AppendStatus.Completed:
                var file = FsEntry.From(result.File!);
                response.Headers[TusHeaders.NodePath] = EncodePath(file.Path);
                response.Headers.ETag = file.ETag;
                return TypedResults.StatusCode(success);
            case AppendStatus.Appended:
                return TypedResults.StatusCode(success);
            case AppendStatus.OffsetMismatch:
                return Problem(StatusCodes.Status409Conflict, "Offset mismatch", $"The upload is at offset {result.Offset}; resume from there.");
            case AppendStatus.TooLarge:
                return TooLarge("The body goes past Upload-Length.");
            case AppendStatus.CommitFailed:
                return Problem(StatusCodes.Status409Conflict, "Upload not committed", $"Every byte arrived but the file could not be saved: {result.Detail} The upload is kept; fix the cause and send an empty PATCH at the final offset.");
            case AppendStatus.ClientGone:
                return Results.Empty;
            default:
                throw new ArgumentOutOfRangeException(nameof(result), result.Status, null);
        }
    }

    private static bool TryReadTarget(string header, long length, out UploadTarget target, out string error)
    {
        target = null!;
        if (header.Length > UploadOptions.MaxMetadataLength)
        {
            error = $"Upload-Metadata cannot be longer than {UploadOptions.MaxMetadataLength} characters.";
            return false;
        }

        if (!UploadMetadata.TryParse(header, out var pairs, out var malformed))
        {
            error = malformed;
            return false;
        }

        if (!pairs.TryGetValue("filename", out var fileName) || !pairs.TryGetValue("folder", out var folder))
        {
            error = "Upload-Metadata must name 'filename' and 'folder' (e.g. /Shared/Builds).";
            return false;
        }

        target = new UploadTarget(folder, fileName, length, header);
        error = string.Empty;
        return true;
    }

    /// <summary>Header values are ASCII; names are not, so each segment is percent-encoded.</summary>
    private static string EncodePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static bool TryParseCount(string? value, out long count) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count);

    private static bool IsOffsetStream(HttpRequest request) =>
        string.Equals(request.ContentType, TusHeaders.OffsetContentType, StringComparison.OrdinalIgnoreCase);

    private static void SetExpires(HttpResponse response, DateTimeOffset expiresAt) =>
        response.Headers[TusHeaders.UploadExpires] = expiresAt.ToString("R", CultureInfo.InvariantCulture);

    private static ProblemHttpResult UploadNotFound() =>
        Problem(StatusCodes.Status404NotFound, "Not found", "No such upload (unknown, expired, finished or not yours).");

    private static ProblemHttpResult UnsupportedContentType() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Upload bodies are sent as {TusHeaders.OffsetContentType}.");

    private static ProblemHttpResult TooLarge(string detail) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Too large", detail);

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
