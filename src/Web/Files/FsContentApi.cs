using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Strata.Infrastructure;
using Strata.Infrastructure.Files;
using Strata.Web.Hosting;
using Strata.Web.Identity;

namespace Strata.Web.Files;

/// <summary><c>/api/v1/fs-content/{path}</c>: download with Range and conditional requests; streamed upload.</summary>
public static class FsContentApi
{
    public static IEndpointRouteBuilder MapFsContentApi(this IEndpointRouteBuilder endpoints)
    {
        var content = endpoints.MapGroup("/api/v1/fs-content").RequireAuthorization().WithTags("Files");
        content.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], DownloadAsync).WithName("DownloadFile");
        content.MapPut("/{**path}", UploadAsync).WithName("UploadFile").AcceptsBodiesOfAnySize();
        return endpoints;
    }

    /// <summary>
    /// The file's current content, or <c>?version=N</c>, with ranges and conditional requests (see <see cref="BlobContentResult"/>).
    /// <c>?inline=1</c> asks to show it in place, which is granted only for types that cannot run script (<see cref="ContentHeaders.MayShowInline"/>).
    /// </summary>
    public static async Task<IResult> DownloadAsync(
        string? path, HttpContext http, FileService files, [FromQuery] int? version, [FromQuery] string? inline, CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var nodePath, out var problem))
        {
            return problem;
        }

        if (!TryParseFlag(inline, out var showInline))
        {
            return FsProblems.BadRequest("'inline' must be 1, 0, true or false.");
        }

        var result = await files.GetContentAsync(http.User.ToCaller(), nodePath, version, cancellationToken);
        if (!result.Succeeded)
        {
            return FsProblems.From(result);
        }

        var (file, stored) = result.Value;
        var contentType = file.ContentType ?? "application/octet-stream";
        ContentHeaders.ApplyDownload(http.Response, file.Name, contentType, showInline);
        return new BlobContentResult(
            files.Blobs, stored.ContentHash, stored.Size, contentType, version is null ? file.ModifiedAt : stored.CreatedAt);
    }

    private static bool TryParseFlag(string? value, out bool flag)
    {
        flag = value is "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
        return flag || value is null or "0" || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
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

        var result = await files.WriteAsync(http.User.ToCaller(), nodePath, http.Request.Body, http.Request.GetWriteConditions(), cancellationToken);
        if (!result.Succeeded)
        {
            return FsProblems.From(result);
        }

        var entry = FsEntry.From(result.Value);
        http.Response.Headers.ETag = entry.ETag;
        return result.Status == ResultStatus.Created
            ? TypedResults.Created(FsApi.FsLocation(entry.Path), entry)
            : TypedResults.Ok(entry);
    }
}
