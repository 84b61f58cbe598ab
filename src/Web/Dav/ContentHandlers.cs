using System.Globalization;
using Strata.Domain.Files;
using Strata.Infrastructure;
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
        // OC-Checksum or X-OC-Mtime: for them the body also goes through SHA-1 and MD5, which cost a plain upload
        // more CPU than storing it. Other clients never read oc:checksums (nor do uploads through the browser or API).
        var ownCloudClient = request.Headers.ContainsKey("OC-Checksum") || request.Headers.ContainsKey("X-OC-Mtime");
        await using var checksummed = ownCloudClient ? new ChecksumReadStream(request.Body, ExpectedSha1(request)) : null;
        Result<NodeInfo> written;
        try
        {
            written = await context.Files.WriteAsync(context.Caller, context.Path, checksummed ?? request.Body, conditions, context.Aborted);
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
        if (checksummed is not null)
        {
            await context.Properties.RecordChecksumsAsync(file.ContentHash!, checksummed.Sha1, checksummed.Md5, context.Aborted);
        }

        var mtime = await ApplyClientMtimeAsync(context, context.Path);
        var headers = context.Response.Headers;
        headers.ETag = file.ETag;
        headers["OC-ETag"] = file.ETag;
        headers["OC-FileId"] = file.Id.ToString(CultureInfo.InvariantCulture);
        headers.LastModified = (mtime ?? file.ModifiedAt).ToString("R", CultureInfo.InvariantCulture);
        context.Response.StatusCode = written.Status == ResultStatus.Created ? StatusCodes.Status201Created : StatusCodes.Status204NoContent;
    }

    /// <summary>
    /// ownCloud's <c>X-OC-Mtime</c> (Unix seconds): keeps the client's modification time and says so with
    /// <c>X-OC-Mtime: accepted</c>, which rclone checks before deciding to PROPPATCH the time itself.
    /// </summary>
    public static async Task<DateTimeOffset?> ApplyClientMtimeAsync(DavContext context, Domain.Files.NodePath path)
    {
        var raw = context.Request.Headers["X-OC-Mtime"].ToString();
        if (raw.Length == 0 || !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds is < 0 or > 253402300799)
        {
            return null;
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        var set = await context.Files.SetModifiedAsync(context.Caller, path, at, context.Aborted);
        if (!set.Succeeded)
        {
            return null;
        }

        context.Response.Headers["X-OC-Mtime"] = "accepted";
        return at;
    }

    /// <summary>The SHA-1 of <c>OC-Checksum: SHA1:&lt;hex&gt;</c>; other algorithms are not checked.</summary>
    private static string? ExpectedSha1(HttpRequest request)
    {
        var value = request.Headers["OC-Checksum"].ToString().Trim();
        return value.StartsWith("SHA1:", StringComparison.OrdinalIgnoreCase) ? value[5..].Trim() : null;
    }
}
