using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.FeatureManagement;
using Strata.Domain.Sharing;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Sharing;
using Strata.Web.Files;
using Strata.Web.Flags;
using Strata.Web.Identity;

namespace Strata.Web.Sharing;

/// <summary>
/// <c>/api/v1/links</c>: owners create, list and revoke public links (visitors use <see cref="PublicLinksApi"/>).
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
        links.MapDelete("/{id:long}", RevokeAsync).WithName("RevokeLink").WithSummary("Revokes a link; visitors holding it are refused from then on.");
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
        return result.Succeeded ? TypedResults.Created($"/api/v1/links/{result.Value.Link.Id}", result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(long id, HttpContext http, LinkService service, CancellationToken cancellationToken) =>
        await service.RevokeAsync(http.User.ToCaller(), id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(detail: $"There is no link {id}.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The flag that gates links of <paramref name="kind"/>, their creation and their use.</summary>
    public static string FlagOf(LinkKind kind) => kind == LinkKind.Upload ? FlagNames.UploadLinks : FlagNames.PublicLinks;
}
