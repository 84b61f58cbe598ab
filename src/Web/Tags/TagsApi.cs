using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Strata.Domain.Tags;
using Strata.Infrastructure.Tags;
using Strata.Web.Files;
using Strata.Web.Identity;

namespace Strata.Web.Tags;

/// <summary>A new tag: its name, colour (<c>#rrggbb</c> or a palette name) and scope (shared when absent).</summary>
public sealed record CreateTagRequest(string Name, string? Color, string? Scope);

/// <summary>A page of the items carrying a tag, and how many the caller may see in all.</summary>
public sealed record TaggedItemsPage(IReadOnlyList<FsChild> Items, int Total);

/// <summary>
/// <c>/api/v1/tags</c>: the tags the caller may see or use, putting them on and taking them off items, and the items
/// carrying one. <c>scope=personal</c> names the caller's personal tag; without it a name means the shared or
/// restricted tag.
/// </summary>
public static class TagsApi
{
    private const int DefaultPage = 100;
    private const int MaxPage = 500;

    public static IEndpointRouteBuilder MapTagsApi(this IEndpointRouteBuilder endpoints)
    {
        var tags = endpoints.MapGroup("/api/v1/tags").RequireAuthorization().WithTags("Tags");
        tags.MapGet("/", ListAsync).WithName("ListTags").WithSummary("The tags the caller may see or use, with the number of visible items carrying each.");
        tags.MapPost("/", CreateAsync).WithName("CreateTag").WithSummary("Creates a tag; restricted tags only by administrators.");
        tags.MapGet("/{tag}/items", ItemsAsync).WithName("ListTaggedItems").WithSummary("The items carrying the tag that the caller may see, by path, paged.");
        tags.MapPut("/{tag}/{**path}", AddAsync).WithName("AddTag").WithSummary("Puts the tag on the item, creating a missing shared or personal tag.");
        tags.MapDelete("/{tag}/{**path}", RemoveAsync).WithName("RemoveTag").WithSummary("Takes the tag off the item.");
        return endpoints;
    }

    public static async Task<Ok<IReadOnlyList<TagSummary>>> ListAsync(HttpContext http, TagService tags, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tags.ListAsync(http.User.ToCaller(), cancellationToken));

    public static async Task<Results<Created<TagView>, ProblemHttpResult>> CreateAsync(CreateTagRequest request, HttpContext http, TagService tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TagsApiScope.TryParse(request.Scope, out var scope, out var problem))
        {
            return problem;
        }

        var result = await tags.CreateAsync(http.User.ToCaller(), request.Name, request.Color, scope ?? TagScope.Shared, cancellationToken);
        return result.Succeeded ? TypedResults.Created($"/api/v1/tags/{Uri.EscapeDataString(result.Value.Name)}/items", result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<TaggedItemsPage>, ProblemHttpResult>> ItemsAsync(
        string tag, HttpContext http, TagService tags, [FromQuery] string? scope, [FromQuery] int? skip, [FromQuery] int? take, CancellationToken cancellationToken)
    {
        if (!TagsApiScope.TryParse(scope, out var tagScope, out var problem))
        {
            return problem;
        }

        if (skip < 0 || take is < 1 or > MaxPage)
        {
            return FsProblems.BadRequest($"skip must be at least 0 and take between 1 and {MaxPage}.");
        }

        var result = await tags.ItemsAsync(http.User.ToCaller(), tag, tagScope, skip ?? 0, take ?? DefaultPage, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(new TaggedItemsPage(result.Value.Items.Select(FsChild.From).ToList(), result.Value.Total))
            : FsProblems.From(result);
    }

    public static Task<Results<Ok<TagView>, ProblemHttpResult>> AddAsync(
        string tag, string? path, HttpContext http, TagService tags, [FromQuery] string? scope, CancellationToken cancellationToken) =>
        ChangeAsync(tag, path, scope, http, (caller, item, tagScope) => tags.AddAsync(caller, item, tag, tagScope, cancellationToken));

    public static Task<Results<Ok<TagView>, ProblemHttpResult>> RemoveAsync(
        string tag, string? path, HttpContext http, TagService tags, [FromQuery] string? scope, CancellationToken cancellationToken) =>
        ChangeAsync(tag, path, scope, http, (caller, item, tagScope) => tags.RemoveAsync(caller, item, tag, tagScope, cancellationToken));

    private static async Task<Results<Ok<TagView>, ProblemHttpResult>> ChangeAsync(
        string tag, string? path, string? scope, HttpContext http, Func<Domain.Access.Caller, Domain.Files.NodePath, TagScope?, Task<Infrastructure.Result<TagView>>> change)
    {
        if (!FsProblems.TryParsePath(path, out var item, out var problem))
        {
            return problem;
        }

        if (!TagsApiScope.TryParse(scope, out var tagScope, out var scopeProblem))
        {
            return scopeProblem;
        }

        var result = await change(http.User.ToCaller(), item, tagScope);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }
}
