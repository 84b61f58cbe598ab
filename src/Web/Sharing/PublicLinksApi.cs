using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.FeatureManagement;
using Strata.Domain.Files;
using Strata.Domain.Sharing;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Previews;
using Strata.Infrastructure.Sharing;
using Strata.Web.Files;
using Strata.Web.Flags;
using Strata.Web.Previews;
using Strata.Workers.Previews;

namespace Strata.Web.Sharing;

/// <summary>
/// <c>/api/v1/public/{token}</c>: what visitors without an account reach through a link (the landing page
/// <c>/s/{token}</c> is built on the same <see cref="LinkVisitor"/>). Every endpoint opens the link itself, so the
/// password is required by each one, not only by the first. Paths are relative to the link's root.
/// </summary>
public static class PublicLinksApi
{
    public static IEndpointRouteBuilder MapPublicLinksApi(this IEndpointRouteBuilder endpoints)
    {
        // What a link is answers for both kinds, each behind its own flag; the rest is for download links only.
        endpoints.MapGet("/api/v1/public/{token}", InfoAsync).AllowAnonymous().WithTags("Public links")
            .WithName("OpenLink").WithSummary("What the link points to (of an upload link, only its folder's name); never a URL, token or hash.");
        var visitor = endpoints.MapGroup("/api/v1/public/{token}").AllowAnonymous().RequireFeature(FlagNames.PublicLinks).WithTags("Public links");
        visitor.MapGet("/list/{**path}", ListAsync).WithName("ListLinkFolder").WithSummary("The items of a folder inside a folder link.");
        visitor.MapMethods("/content/{**path}", [HttpMethods.Get, HttpMethods.Head], ContentAsync)
            .WithName("DownloadLinkFile").WithSummary("A file of the link, with Range; ?inline=1 shows safe types in place.");
        visitor.MapGet("/preview/{**path}", PreviewAsync).WithName("GetLinkPreview")
            .WithSummary("A file's thumbnail (WebP) as the app's previews API gives it; the only picture a preview-only link serves.");
        visitor.MapGet("/zip/{**path}", ZipAsync).WithName("DownloadLinkZip").WithSummary("A folder of the link as a streamed zip.");
        return endpoints;
    }

    public static async Task<IResult> InfoAsync(string token, HttpContext http, LinkVisitor visitor, IFeatureManager features, CancellationToken cancellationToken)
    {
        var visit = await visitor.VisitAsync(http, token, relativePath: null, cancellationToken, kind: null);
        if (!visit.Succeeded)
        {
            return LinkVisitor.Refusal(visit.Access, http);
        }

        var kind = visit.Access.Kind;
        if (!await features.IsEnabledAsync(LinksApi.FlagOf(kind)))
        {
            return FeatureGates.Closed(http.Response, LinksApi.FlagOf(kind));
        }

        var item = visit.Item!;
        return kind == LinkKind.Upload
            ? TypedResults.Ok(new LinkTarget(item.Name, IsFolder: true, Size: 0, ContentType: null, ModifiedAt: null, PreviewOnly: false, kind))
            : TypedResults.Ok(new LinkTarget(item.Name, item.IsFolder, item.Size, item.ContentType, item.ModifiedAt, visit.Access.PreviewOnly, kind));
    }

    public static async Task<IResult> ListAsync(string token, string? path, HttpContext http, LinkVisitor visitor, FileService files, CancellationToken cancellationToken)
    {
        var visit = await visitor.VisitAsync(http, token, path, cancellationToken);
        if (!visit.Succeeded)
        {
            return LinkVisitor.Refusal(visit.Access, http);
        }

        var (scope, folder) = (visit.Scope!, visit.Item!);
        if (!folder.IsFolder)
        {
            return FsProblems.BadRequest($"'{folder.Name}' is a file, not a folder.");
        }

        var children = files.ListChildrenAsync(scope.Creator, folder.Id, Domain.Files.NodePath.Parse(folder.Path), withFinderMetadata: false, cancellationToken);
        return TypedResults.Ok(Entries(scope, children));
    }

    /// <summary>
    /// The file's bytes with Range and conditional requests; <c>?inline=1</c> shows a type from
    /// <see cref="ContentHeaders.MayShowInline"/> in place. A preview-only link serves none of them: bytes shown in
    /// place are bytes a visitor can save, so it shows renditions (<see cref="PreviewAsync"/>) instead.
    /// </summary>
    public static async Task<IResult> ContentAsync(
        string token, string? path, [FromQuery] string? inline, HttpContext http, LinkVisitor visitor, LinkService links, FileService files, CancellationToken cancellationToken)
    {
        var visit = await visitor.VisitAsync(http, token, path, cancellationToken);
        if (!visit.Succeeded)
        {
            return LinkVisitor.Refusal(visit.Access, http);
        }

        var file = visit.Item!;
        if (file.IsFolder || file.ContentHash is null)
        {
            return FsProblems.BadRequest($"'{file.Name}' is a folder; download it as a zip.");
        }

        var contentType = file.ContentType ?? "application/octet-stream";
        var showInline = inline is "1" or "true" && ContentHeaders.MayShowInline(contentType);
        if (visit.Access.PreviewOnly)
        {
            return ViewOnly();
        }

        if (!showInline && IsNewDownload(http.Request) && !await links.CountDownloadAsync(visit.Access.LinkId, cancellationToken))
        {
            return LinkVisitor.NotFound();
        }

        ContentHeaders.ApplyDownload(http.Response, file.Name, contentType, showInline);
        return new BlobContentResult(files.Blobs, file.ContentHash, file.Size, contentType, file.ModifiedAt);
    }

    public static async Task<IResult> PreviewAsync(
        string token,
        string? path,
        [FromQuery] int? size,
        [FromQuery] int? page,
        HttpContext http,
        LinkVisitor visitor,
        FileService files,
        RenditionService renditions,
        RenditionScheduler scheduler,
        CancellationToken cancellationToken)
    {
        var visit = await visitor.VisitAsync(http, token, path, cancellationToken);
        if (!visit.Succeeded)
        {
            return LinkVisitor.Refusal(visit.Access, http);
        }

        var file = visit.Item!;
        return file.IsFolder
            ? FsProblems.BadRequest($"'{file.Name}' is a folder; folders have no preview.")
            : await PreviewsApi.ServeAsync(visit.Scope!.Creator, NodePath.Parse(file.Path), size, page, version: null, kind: null, http, files, renditions, scheduler, cancellationToken);
    }

    public static async Task<IResult> ZipAsync(string token, string? path, HttpContext http, LinkVisitor visitor, LinkService links, FileService files, CancellationToken cancellationToken)
    {
        var visit = await visitor.VisitAsync(http, token, path, cancellationToken);
        if (!visit.Succeeded)
        {
            return LinkVisitor.Refusal(visit.Access, http);
        }

        if (visit.Access.PreviewOnly)
        {
            return ViewOnly();
        }

        if (!await links.CountDownloadAsync(visit.Access.LinkId, cancellationToken))
        {
            return LinkVisitor.NotFound();
        }

        var item = visit.Item!;
        return new ZipContentResult(files, visit.Scope!.Creator, [item], item.Name + ".zip");
    }

    /// <summary>
    /// Whether a request starts a download that counts against the link's limit: a GET from the first byte. HEAD,
    /// inline previews (a video or PDF viewer issues many Range requests) and resumptions from a later byte are
    /// parts of a download already counted, or no download at all.
    /// </summary>
    internal static bool IsNewDownload(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method))
        {
            return false;
        }

        var range = request.GetTypedHeaders().Range;
        return range is null || range.Ranges.Any(r => r.From is null or 0); // a suffix range (bytes=-N) may be the whole file
    }

    private static async IAsyncEnumerable<LinkEntry> Entries(LinkScope scope, IAsyncEnumerable<NodeInfo> children)
    {
        await foreach (var child in children)
        {
            yield return new LinkEntry(child.Name, scope.RelativePath(child), child.IsFolder, child.Size, child.ContentType, child.ModifiedAt);
        }
    }

    private static ProblemHttpResult ViewOnly() => TypedResults.Problem(detail: "This link is for viewing only.", statusCode: StatusCodes.Status403Forbidden);

}

/// <summary>What a visitor learns about a link's item; of an upload link's folder, only its name.</summary>
public sealed record LinkTarget(
    string Name,
    bool IsFolder,
    long Size,
    string? ContentType,
    DateTimeOffset? ModifiedAt,
    bool PreviewOnly,
    [property: JsonConverter(typeof(JsonStringEnumConverter<LinkKind>))] LinkKind Kind);

/// <summary>An item of a folder link; <see cref="Path"/> is relative to the link's root.</summary>
public sealed record LinkEntry(string Name, string Path, bool IsFolder, long Size, string? ContentType, DateTimeOffset ModifiedAt);
