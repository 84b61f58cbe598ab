using System.Globalization;
using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Checksums;
using Strata.Web.Files;

namespace Strata.Web.Dav;

/// <summary>GET, HEAD and PUT: content through the same service and the same RFC 9110 result as the REST API.</summary>
internal static class ContentHandlers
{
    public static async Task GetAsync(DavContext context)
    {
        var node = await context.FindAsync(context.Path);
        if (node is null)
        {
            await context.FailAsync(StatusCodes.Status404NotFound, $"'{context.Path}' does not exist.");
            return;
        }

        if (node.IsFolder)
        {
            // No HTML listings of folders (ASVS 13.4.3); Office sends HEAD to collections and wants a 200.
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentLength = 0;
            return;
        }

        // The node found with the caller's read right carries its current content, so no second lookup.
        ContentHeaders.ApplyDownload(context.Response, node.Name);
        await new BlobContentResult(context.Files.Blobs, node.ContentHash!, node.Size, node.ContentType ?? "application/octet-stream", node.ModifiedAt)
            .ExecuteAsync(context.Http);
    }

    /// <summary>
    /// Streams the body into a new file (201) or a new version (204). Kestrel de-chunks chunked bodies
    /// (Finder sends those, with <c>X-Expected-Entity-Length</c>, which needs nothing more from us).
    /// </summary>
    public static async Task PutAsync(DavContext context)
    {
        var request = context.Request;
        if (request.Headers.ContentRange.Count > 0)
        {
            await context.FailAsync(StatusCodes.Status400BadRequest, "PUT with Content-Range is not supported.");
            return;
        }

        if (!await DavConditions.CheckAsync(context, (context.Path, false)))
        {
            return;
        }

        var conditions = request.GetWriteConditions();

        // ownCloud-style clients (rclone, sync clients) compare oc:checksums right after uploading and say so with
        // OC-Checksum or X-OC-Mtime: for them the body goes through SHA-1 and MD5 on the way in, which verifies
        // OC-Checksum and has the checksums recorded with the commit. Other content gets them from the filler, after
        // the answer, or from the PROPFIND that asks first.
        var ownCloudClient = request.Headers.ContainsKey("OC-Checksum") || request.Headers.ContainsKey("X-OC-Mtime");
        await using var checksummed = ownCloudClient
            ? new ChecksumReadStream(request.Body, ExpectedSha1(request), context.Http.RequestServices.GetRequiredService<StreamedChecksums>())
            : null;
        // The client's modification time is kept by the write itself: one commit, not a second one to set it.
        var clientMtime = ClientMtime(request);
        Result<NodeInfo> written;
        try
        {
            written = await context.Files.WriteAsync(context.Caller, context.Path, checksummed ?? request.Body, conditions, clientMtime, context.Aborted);
        }
        catch (ChecksumMismatchException e)
        {
            await context.FailAsync(StatusCodes.Status400BadRequest, e.Message);
            return;
        }

        if (!written.Succeeded)
        {
            await context.FailWriteAsync(written);
            return;
        }

        var file = written.Value;
        var headers = context.Response.Headers;
        if (clientMtime is not null)
        {
            headers["X-OC-Mtime"] = "accepted";
        }

        headers.ETag = file.ETag;
        headers["OC-ETag"] = file.ETag;
        headers["OC-FileId"] = file.Id.ToString(CultureInfo.InvariantCulture);
        headers.LastModified = file.ModifiedAt.ToString("R", CultureInfo.InvariantCulture);
        context.Response.StatusCode = written.Status == ResultStatus.Created ? StatusCodes.Status201Created : StatusCodes.Status204NoContent;
    }

    /// <summary>
    /// ownCloud's <c>X-OC-Mtime</c> (Unix seconds): keeps the client's modification time and says so with
    /// <c>X-OC-Mtime: accepted</c>, which rclone checks before deciding to PROPPATCH the time itself.
    /// </summary>
    public static async Task ApplyClientMtimeAsync(DavContext context, Domain.Files.NodePath path)
    {
        if (ClientMtime(context.Request) is { } at && (await context.Files.SetModifiedAsync(context.Caller, path, at, context.Aborted)).Succeeded)
        {
            context.Response.Headers["X-OC-Mtime"] = "accepted";
        }
    }

    /// <summary>The time of <c>X-OC-Mtime</c> (Unix seconds, fractions kept to the millisecond); null when absent or out of range.</summary>
    private static DateTimeOffset? ClientMtime(HttpRequest request)
    {
        var raw = request.Headers["X-OC-Mtime"].ToString();
        return raw.Length > 0 && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;
    }

    /// <summary>The SHA-1 of <c>OC-Checksum: SHA1:&lt;hex&gt;</c>; other algorithms are not checked.</summary>
    private static string? ExpectedSha1(HttpRequest request)
    {
        var value = request.Headers["OC-Checksum"].ToString().Trim();
        return value.StartsWith("SHA1:", StringComparison.OrdinalIgnoreCase) ? value[5..].Trim() : null;
    }
}
