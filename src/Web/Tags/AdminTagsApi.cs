using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Infrastructure.Tags;
using Strata.Web.Files;
using Strata.Web.Identity;

namespace Strata.Web.Tags;

/// <summary>A change to a tag: a new name, colour or scope (shared or restricted); absent fields stay.</summary>
public sealed record UpdateTagRequest(string? Name, string? Color, string? Scope);

/// <summary><c>/api/v1/admin/tags</c>: administrators rename, recolour and merge shared and restricted tags.</summary>
public static class AdminTagsApi
{
    public static IEndpointRouteBuilder MapAdminTagsApi(this IEndpointRouteBuilder endpoints)
    {
        var tags = endpoints.MapGroup("/api/v1/admin/tags").RequireAuthorization(IdentityRegistration.AdminPolicy).WithTags("Administration");
        tags.MapGet("/", ListAsync).WithName("ListAdministeredTags")
            .WithSummary("Every shared and restricted tag with the number of live items carrying it; personal tags are never listed.");
        tags.MapPatch("/{id:long}", UpdateAsync).WithName("UpdateTag").WithSummary("Renames or recolours a tag, or makes it shared or restricted.");
        tags.MapPost("/{id:long}/merge-into/{targetId:long}", MergeAsync).WithName("MergeTag")
            .WithSummary("Moves the tag's items to the target tag (without duplicates) and deletes the tag.");
        return endpoints;
    }

    public static async Task<Results<Ok<IReadOnlyList<TagSummary>>, ProblemHttpResult>> ListAsync(HttpContext http, TagService tags, CancellationToken cancellationToken)
    {
        var result = await tags.AdministeredAsync(http.User.ToCaller(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<TagView>, ProblemHttpResult>> UpdateAsync(long id, UpdateTagRequest request, HttpContext http, TagService tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TagsApiScope.TryParse(request.Scope, out var scope, out var problem))
        {
            return problem;
        }

        var result = await tags.UpdateAsync(http.User.ToCaller(), id, new TagChange(request.Name, request.Color, scope), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<TagView>, ProblemHttpResult>> MergeAsync(long id, long targetId, HttpContext http, TagService tags, CancellationToken cancellationToken)
    {
        var result = await tags.MergeAsync(http.User.ToCaller(), id, targetId, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }
}
