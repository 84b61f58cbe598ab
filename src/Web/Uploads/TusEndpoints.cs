using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.FeatureManagement;
using Strata.Domain.Sharing;
using Strata.Infrastructure;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Sharing;
using Strata.Infrastructure.Uploads;
using Strata.Web.Files;
using Strata.Web.Flags;
using Strata.Web.Hosting;
using Strata.Web.Identity;
using Strata.Web.Sharing;

namespace Strata.Web.Uploads;

/// <summary>
/// <c>/api/v1/uploads</c>: tus 1.0.0 resumable uploads with the creation, creation-with-upload,
/// termination and expiration extensions. The state machine is <see cref="UploadService"/>'s; this maps
/// headers to it and its outcomes to status codes (errors with a body are problem details).
/// </summary>
/// <remarks>
/// A visitor of an upload link has no account: every request carries the link's token in <c>X-Link-Token</c>
/// (and its password in <c>X-Link-Password</c>), which is checked each time like a download link's, so
/// expiry, revocation and the <c>UploadLinks</c> flag stop an upload midway. The file lands in the link's
/// folder whatever <c>folder</c> the metadata names, as a new file (a "name (2)" sibling on a clash), and the
/// answers never tell the folder's path or the final name: a visitor learns nothing of what the folder holds.
/// </remarks>
public static class TusEndpoints
{
    private const string Root = "/api/v1/uploads";

    public static IEndpointRouteBuilder MapUploads(this IEndpointRouteBuilder endpoints)
    {
        var uploads = endpoints.MapGroup(Root)
            .RequireAuthorization(p => p.RequireAssertion(c => c.User.Identity?.IsAuthenticated == true || (c.Resource is HttpContext http && IsLinkRequest(http))))
            .AddEndpointFilter<TusResumableFilter>()
            .WithTags("Uploads");

        // Discovery tells nothing about anyone's uploads, and browsers send it without credentials.
        uploads.MapMethods(string.Empty, [HttpMethods.Options], Discover).AllowAnonymous().WithName("DiscoverUploads")
            .WithSummary("The tus version, extensions and maximum size this server supports.");
        uploads.MapPost(string.Empty, CreateAsync).WithName("CreateUpload").AcceptsBodiesOfAnySize();
        uploads.MapMethods("/{id}", [HttpMethods.Head], HeadAsync).WithName("GetUploadOffset");
        uploads.MapPatch("/{id}", PatchAsync).WithName("AppendToUpload").AcceptsBodiesOfAnySize();
        uploads.MapDelete("/{id}", TerminateAsync).WithName("TerminateUpload").WithSummary("Abandons an unfinished upload and frees what it received.");
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
    /// <c>folder</c>, optional <c>filetype</c>; through a link no <c>folder</c> but optional <c>uploader</c> and
    /// <c>email</c>); the target is checked now, as a PUT would check it. A body sent along (creation-with-upload)
    /// is appended at once.
    /// </summary>
    public static async Task<IResult> CreateAsync(HttpContext http, UploadService uploads, LinkService links, IFeatureManager features, CancellationToken cancellationToken)
    {
        var (uploader, refusal) = await UploaderAsync(http, links, features, cancellationToken);
        if (uploader is null)
        {
            return refusal!;
        }

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

        if (!TryReadTarget(request.Headers[TusHeaders.UploadMetadata].ToString(), length, ref uploader, out var target, out var invalid))
        {
            return FsProblems.BadRequest(invalid);
        }

        var created = await uploads.CreateAsync(uploader, target, cancellationToken);
        if (!created.Succeeded)
        {
            return uploader.Link is null ? FsProblems.From(created) : LinkCreateRefusal(created);
        }

        var upload = created.Value;
        http.Response.Headers.Location = $"{Root}/{upload.Id}";
        SetExpires(http.Response, upload.ExpiresAt);
        if (!hasBody && length > 0)
        {
            return TypedResults.StatusCode(StatusCodes.Status201Created);
        }

        // An empty file is complete as soon as it exists; otherwise this is creation-with-upload.
        var appended = await uploads.AppendAsync(uploader, upload.Id, 0, request.ContentLength, request.Body, cancellationToken);
        return Respond(http.Response, uploader, appended, StatusCodes.Status201Created);
    }

    /// <summary>The durable offset: after a crash it is exactly the bytes that were fsynced and recorded.</summary>
    public static async Task<IResult> HeadAsync(string id, HttpContext http, UploadService uploads, LinkService links, IFeatureManager features, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        var (uploader, refusal) = await UploaderAsync(http, links, features, cancellationToken);
        if (uploader is null)
        {
            return refusal!;
        }

        var upload = await uploads.FindAsync(uploader, id, cancellationToken);
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
    public static async Task<IResult> PatchAsync(string id, HttpContext http, UploadService uploads, LinkService links, IFeatureManager features, CancellationToken cancellationToken)
    {
        var (uploader, refusal) = await UploaderAsync(http, links, features, cancellationToken);
        if (uploader is null)
        {
            return refusal!;
        }

        var request = http.Request;
        if (!IsOffsetStream(request))
        {
            return UnsupportedContentType();
        }

        if (!TryParseCount(request.Headers[TusHeaders.UploadOffset], out var offset))
        {
            return FsProblems.BadRequest("Upload-Offset must be a non-negative integer.");
        }

        var appended = await uploads.AppendAsync(uploader, id, offset, request.ContentLength, request.Body, cancellationToken);
        return Respond(http.Response, uploader, appended, StatusCodes.Status204NoContent);
    }

    public static async Task<IResult> TerminateAsync(string id, HttpContext http, UploadService uploads, LinkService links, IFeatureManager features, CancellationToken cancellationToken)
    {
        var (uploader, refusal) = await UploaderAsync(http, links, features, cancellationToken);
        if (uploader is null)
        {
            return refusal!;
        }

        return await uploads.TerminateAsync(uploader, id, cancellationToken) ? TypedResults.NoContent() : UploadNotFound();
    }

    /// <summary>A request with a link token is a link visitor's, even from a browser that is signed in too.</summary>
    private static bool IsLinkRequest(HttpContext http) => http.Request.Headers.ContainsKey(LinkVisitor.TokenHeader);

    /// <summary>The signed-in user, or the visitor of the open upload link whose token the request carries; else why not.</summary>
    private static async Task<(Uploader? Uploader, IResult? Refusal)> UploaderAsync(HttpContext http, LinkService links, IFeatureManager features, CancellationToken cancellationToken)
    {
        if (!IsLinkRequest(http))
        {
            return (new Uploader(http.User.ToCaller()), null);
        }

        if (!await features.IsEnabledAsync(FlagNames.UploadLinks))
        {
            return (null, FeatureGates.Closed(http.Response, FlagNames.UploadLinks));
        }

        var access = await LinkVisitor.OpenFromHeadersAsync(http.Request.Headers[LinkVisitor.TokenHeader].ToString(), http, links, LinkKind.Upload, cancellationToken);
        return access.Outcome == LinkOutcome.Ok
            ? (new Uploader(access.Creator!, new LinkUploader(access.LinkId, access.Node!.Path, Name: null, Email: null)), null)
            : (null, LinkVisitor.Refusal(access, http));
    }

    /// <summary>A bad name is the visitor's to fix; anything else (the creator lost the right to write there) ends the link for them.</summary>
    private static ProblemHttpResult LinkCreateRefusal(Result<PendingUpload> created) =>
        created.Status == ResultStatus.Invalid ? FsProblems.BadRequest("This file name cannot be used; rename the file and try again.") : LinkVisitor.NotFound();

    private static IResult Respond(HttpResponse response, Uploader uploader, AppendResult result, int success)
    {
        if (result.Status == AppendStatus.NotFound)
        {
            return UploadNotFound();
        }

        response.Headers[TusHeaders.UploadOffset] = result.Offset.ToString(CultureInfo.InvariantCulture);
        SetExpires(response, result.ExpiresAt);
        switch (result.Status)
        {
            case AppendStatus.Completed when uploader.Link is null:
                var file = FsEntry.From(result.File!);
                response.Headers[TusHeaders.NodePath] = FsApi.EncodePath(file.Path);
                response.Headers.ETag = file.ETag;
                return TypedResults.StatusCode(success);
            case AppendStatus.Completed:
            case AppendStatus.Appended:
                return TypedResults.StatusCode(success);
            case AppendStatus.OffsetMismatch:
                return Problem(StatusCodes.Status409Conflict, "Offset mismatch", $"The upload is at offset {result.Offset}; resume from there.");
            case AppendStatus.TooLarge:
                return TooLarge("The body goes past Upload-Length.");
            case AppendStatus.CommitFailed when uploader.Link is not null:
                return Problem(StatusCodes.Status409Conflict, "Upload not committed", "Every byte arrived but the file could not be saved; try again later.");
            case AppendStatus.CommitFailed:
                return Problem(StatusCodes.Status409Conflict, "Upload not committed", $"Every byte arrived but the file could not be saved: {result.Detail} The upload is kept; fix the cause and send an empty PATCH at the final offset.");
            case AppendStatus.ClientGone:
                return Results.Empty;
            default:
                throw new ArgumentOutOfRangeException(nameof(result), result.Status, null);
        }
    }

    /// <summary>Reads the target from <c>Upload-Metadata</c>, and for a link visitor who they say they are.</summary>
    private static bool TryReadTarget(string header, long length, ref Uploader uploader, out UploadTarget target, out string error)
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

        if (uploader.Link is { } link)
        {
            if (!pairs.TryGetValue("filename", out var name))
            {
                error = "Upload-Metadata must name 'filename'.";
                return false;
            }

            if (!TryReadVisitor(pairs, out var uploaderName, out var email, out error))
            {
                return false;
            }

            // The link decides the folder; a 'folder' the visitor sends is ignored.
            uploader = uploader with { Link = link with { Name = uploaderName, Email = email } };
            target = new UploadTarget(link.Folder, name, length, header);
            return true;
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

    /// <summary>The optional <c>uploader</c> (a name) and <c>email</c> a link visitor gives, recorded for the link's owner.</summary>
    private static bool TryReadVisitor(Dictionary<string, string> pairs, out string? name, out string? email, out string error)
    {
        name = Clean(pairs.GetValueOrDefault("uploader"));
        email = Clean(pairs.GetValueOrDefault("email"));
        if (!IsShortLine(name) || !IsShortLine(email))
        {
            error = $"'uploader' and 'email' are single lines of at most {UploadOptions.MaxUploaderLength} characters.";
            return false;
        }

        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            error = "'email' is not an email address.";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsShortLine(string? value) => value is null || (value.Length <= UploadOptions.MaxUploaderLength && !value.Any(char.IsControl));

    /// <summary>Header values are ASCII; names are not, so each segment is percent-encoded.</summary>
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
