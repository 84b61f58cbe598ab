using Microsoft.AspNetCore.Http.HttpResults;
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
/// </summary>
public static class LinksApi
{
    public const string PasswordHeader = "X-Link-Password";

    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder endpoints)
    {
        var links = endpoints.MapGroup("/api/v1/links").RequireAuthorization().RequireFeature(FlagNames.PublicLinks).WithTags("Sharing");
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
        LinkRequest request, HttpContext http, LinkService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
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

    public static async Task<IResult> InfoAsync(string token, HttpContext http, LinkService service, CancellationToken cancellationToken)
    {
        var access = await OpenAsync(token, http, service, cancellationToken);
        if (access.Outcome != LinkOutcome.Ok)
        {
            return Refusal(access, http);
        }

        var node = access.Node!;
        return TypedResults.Ok(new LinkTarget(node.Name, node.IsFolder, node.Size, node.ContentType, node.ModifiedAt, access.PreviewOnly));
    }

    public static async Task<IResult> DownloadAsync(string token, HttpContext http, LinkService service, FileService files, CancellationToken cancellationToken)
    {
        var access = await OpenAsync(token, http, service, cancellationToken);
        if (access.Outcome != LinkOutcome.Ok)
        {
            return Refusal(access, http);
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
            return NotFound();
        }

        ContentHeaders.ApplyDownload(http.Response, node.Name);
        return new BlobContentResult(files.Blobs, node.ContentHash!, node.Size, node.ContentType ?? "application/octet-stream", node.ModifiedAt);
    }

    private static Task<LinkAccess> OpenAsync(string token, HttpContext http, LinkService service, CancellationToken cancellationToken)
    {
        var password = http.Request.Headers[PasswordHeader].ToString();
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return service.OpenAsync(token, password.Length > 0 ? password : null, address, cancellationToken);
    }

    private static ProblemHttpResult Refusal(LinkAccess access, HttpContext http)
    {
        switch (access.Outcome)
        {
            case LinkOutcome.PasswordRequired:
                return TypedResults.Problem(detail: $"This link needs its password in the {PasswordHeader} header.", statusCode: StatusCodes.Status401Unauthorized);
            case LinkOutcome.TooManyAttempts:
                http.Response.Headers.RetryAfter = ((int)LinkService.FailureWindow.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(detail: "Too many failed attempts; try again later.", statusCode: StatusCodes.Status429TooManyRequests);
            default:
                return NotFound();
        }
    }

    private static ProblemHttpResult NotFound() => TypedResults.Problem(detail: "There is no such link.", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>What a visitor learns about a link's item.</summary>
public sealed record LinkTarget(string Name, bool IsFolder, long Size, string? ContentType, DateTimeOffset ModifiedAt, bool PreviewOnly);
