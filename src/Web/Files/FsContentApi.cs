using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Strata.Infrastructure.Files;
using Strata.Web.Identity;

namespace Strata.Web.Files;

/// <summary><c>/api/v1/fs-content/{path}</c>: download with Range and conditional requests; streamed upload.</summary>
public static class FsContentApi
{
    public static IEndpointRouteBuilder MapFsContentApi(this IEndpointRouteBuilder endpoints)
    {
        var content = endpoints.MapGroup("/api/v1/fs-content").RequireAuthorization().WithTags("Files");
        content.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], DownloadAsync).WithName("DownloadFile");
        content.MapPut("/{**path}", UploadAsync).WithName("UploadFile");
        return endpoints;
    }

    /// <summary>
    /// The file's current content, or <c>?version=N</c>. Single ranges, <c>If-None-Match</c>,
    /// <c>If-Modified-Since</c> and <c>If-Range</c> are the framework's; several ranges are answered as multipart.
    /// </summary>
    public static async Task<IResult> DownloadAsync(
        string? path, HttpContext http, FileService files, [FromQuery] int? version, CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var nodePath, out var problem))
        {
            return problem;
        }

        var result = await files.GetContentAsync(http.User.ToCaller(), nodePath, version, cancellationToken);
        if (!result.Succeeded)
        {
            return FsProblems.From(result);
        }

        var (file, stored) = result.Value;
        var etag = new EntityTagHeaderValue($"\"{stored.ContentHash}\"");
        var lastModified = version is null ? file.ModifiedAt : stored.CreatedAt;
        var contentType = file.ContentType ?? "application/octet-stream";
        ContentHeaders.ApplyDownload(http.Response, file.Name);

        var stream = files.Blobs.OpenRead(stored.ContentHash);
        if (MultipartRanges.Parse(http.Request, stored.Size) is { Count: > 0 } ranges && !IsNotModified(http.Request, etag) && IfRangeHolds(http.Request, etag))
        {
            await using (stream)
            {
                http.Response.Headers.ETag = etag.ToString();
                http.Response.Headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
                http.Response.Headers.AcceptRanges = "bytes";
                await MultipartRanges.WriteAsync(http.Response, stream, contentType, stored.Size, ranges, cancellationToken);
            }

            return Results.Empty;
        }

        return TypedResults.File(stream, contentType, lastModified: lastModified, entityTag: etag, enableRangeProcessing: true);
    }

    /// <summary>
    /// Streams the body into a new file or a new version. <c>If-Match</c> makes it a guarded overwrite,
    /// <c>If-None-Match: *</c> a create-only write.
    /// </summary>
    public static async Task<Results<Ok<FsEntry>, Created<FsEntry>, ProblemHttpResult>> UploadAsync(
        string? path, HttpContext http, FileService files, CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var nodePath, out var problem))
        {
            return problem;
        }

        var headers = http.Request.Headers;
        var conditions = new WriteConditions(
            headers.IfMatch.ToString() is { Length: > 0 } ifMatch ? ifMatch : null,
            headers.IfNoneMatch.ToString().Trim() == "*");
        var result = await files.WriteAsync(http.User.ToCaller(), nodePath, http.Request.Body, conditions, cancellationToken);
        if (!result.Succeeded)
        {
            return FsProblems.From(result);
        }

        var entry = FsEntry.From(result.Value!);
        http.Response.Headers.ETag = entry.ETag;
        return result.Status == FsStatus.Created
            ? TypedResults.Created(FsApi.FsLocation(entry.Path), entry)
            : TypedResults.Ok(entry);
    }

    private static bool IsNotModified(HttpRequest request, EntityTagHeaderValue etag) =>
        request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } tags && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));

    private static bool IfRangeHolds(HttpRequest request, EntityTagHeaderValue etag) =>
        request.GetTypedHeaders().IfRange is not { } ifRange || (ifRange.EntityTag is { } tag && tag.Compare(etag, useStrongComparison: true));
}
