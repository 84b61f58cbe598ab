using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.FeatureManagement;
using Strata.Domain.Sharing;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Sharing;
using Strata.Web.Files;
using Strata.Web.Flags;
using Strata.Web.Identity;
using FlagNames = Strata.Infrastructure.Flags.Flags;

namespace Strata.Web.Sharing;

/// <summary>
/// <c>/api/v1/links</c>: owners create, list and revoke public links; <c>/s/{token}</c>: what visitors
/// without an account reach. A link password travels in the <c>X-Link-Password</c> header, never in the URL.
/// Creating a link needs its kind's flag (<c>PublicLinks</c> for download links, <c>UploadLinks</c> for upload
/// links); listing and revoking do not, so links can be revoked while their front door is switched off.
/// </summary>
public static class LinksApi
{
    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder endpoints)
    {
        var links = endpoints.MapGroup("/api/v1/links").RequireAuthorization().WithTags("Sharing");
        links.MapPost("/", CreateAsync).WithName("CreateLink").WithSummary("Creates a link; the token is in this response only.");
        links.MapGet("/", async (HttpContext http, LinkService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.ListAsync(http.User.ToCaller(), cancellationToken)))
            .WithName("ListLinks").WithSummary("The caller's links; an administrator's list holds everyone's.");
        links.MapDelete("/{id:long}", RevokeAsync).WithName("RevokeLink");

        var visitor = endpoints.MapGroup("/s/{token}").AllowAnonymous().RequireFeature(FlagNames.PublicLinks).WithTags("Public links");
        visitor.MapGet("/", InfoAsync).WithName("OpenLink").WithSummary("What the link points to; never a URL, token or hash.");
        visitor.MapGet("/download", DownloadAsync).WithName("DownloadLink");
        return endpoints;
    }

    public static async Task<Results<Created<CreatedLink>, ProblemHttpResult>> CreateAsync(
        LinkRequest request, HttpContext http, LinkService service, IFeatureManager features, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var flag = FlagOf(request.Kind);
        if (!await features.IsEnabledAsync(flag))
        {
            return FeatureGates.Closed(http.Response, flag);
        }

        if (!FsProblems.TryParsePath(request.Path, out var path, out var problem))
        {
            return problem;
        }

        var result = await service.CreateAsync(http.User.ToCaller(), path, request, cancellationToken);
        return result.Succeeded ? TypedResults.Created($"/api/v1/links/{result.Value!.Link.Id}", result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(long id, HttpContext http, LinkService service, CancellationToken cancellationToken) =>
        await service.RevokeAsync(http.User.ToCaller(), id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(detail: $"There is no link {id}.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The flag that gates links of <paramref name="kind"/>, their creation and their use.</summary>
    public static string FlagOf(LinkKind kind) => kind == LinkKind.Upload ? FlagNames.UploadLinks : FlagNames.PublicLinks;

    /// <summary>What the link is, for its landing page; an upload link tells its folder's name and nothing of its content.</summary>
    public static async Task<IResult> InfoAsync(string token, HttpContext http, LinkService service, IFeatureManager features, CancellationToken cancellationToken)
    {
        var access = await LinkVisitor.OpenAsync(token, http, service, kind: null, cancellationToken);
        if (access.Outcome != LinkOutcome.Ok)
        {
            return LinkVisitor.Refusal(access, http);
        }

        if (!await features.IsEnabledAsync(FlagOf(access.Kind)))
        {
            return FeatureGates.Closed(http.Response, FlagOf(access.Kind));
        }

        var node = access.Node!;
        return access.Kind == LinkKind.Upload
            ? TypedResults.Ok(new LinkTarget(node.Name, IsFolder: true, Size: 0, ContentType: null, ModifiedAt: null, PreviewOnly: false, access.Kind))
            : TypedResults.Ok(new LinkTarget(node.Name, node.IsFolder, node.Size, node.ContentType, node.ModifiedAt, access.PreviewOnly, access.Kind));
    }

    public static async Task<IResult> DownloadAsync(string token, HttpContext http, LinkService service, FileService files, CancellationToken cancellationToken)
    {
        var access = await LinkVisitor.OpenAsync(token, http, service, LinkKind.Download, cancellationToken);
        if (access.Outcome != LinkOutcome.Ok)
        {
            return LinkVisitor.Refusal(access, http);
        }

        var node = access.Node!;
        if (access.PreviewOnly)
        {
            return TypedResults.Problem(detail: "This link is for viewing only.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (node.IsFolder)
        {
            // TODO(#5): folder links download a zip of the sub-tree.
            return TypedResults.Problem(detail: "Folder downloads are not available yet.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!await service.CountDownloadAsync(access.LinkId, cancellationToken))
        {
            return LinkVisitor.NotFound();
        }

        ContentHeaders.ApplyDownload(http.Response, node.Name);
        return new BlobContentResult(files.Blobs, node.ContentHash!, node.Size, node.ContentType ?? "application/octet-stream", node.ModifiedAt);
    }
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
