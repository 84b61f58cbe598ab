using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Strata.Domain.Files;
using Strata.Domain.Search;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Search.Index;
using Strata.Web.Files;
using Strata.Web.Flags;
using Strata.Web.Identity;

namespace Strata.Web.Search;

/// <summary>
/// <c>/api/v1/search</c>: find items by name, content, tag or comment, filtered by what the caller may see; and
/// <c>/api/v1/admin/search</c>: the index's state and rebuilds. Signed-in users only (a public link's visitor has no
/// search); behind the <see cref="FlagNames.Search"/> flag.
/// </summary>
public static class SearchApi
{
    /// <summary>This host keeps its own index, followed from the journal, because it answers searches.</summary>
    public static IHostApplicationBuilder AddWebSearch(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService(services => services.GetRequiredService<SearchIndexer>());
        return builder;
    }

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/search", SearchAsync).RequireAuthorization().RequireFeature(FlagNames.Search).WithTags("Search")
            .WithName("Search").WithSummary("Items the caller may see that match the query, best first (or newest, or by name), a page at a time.");
        var admin = endpoints.MapGroup("/api/v1/admin/search").RequireAuthorization(IdentityRegistration.AdminPolicy).WithTags("Administration");
        admin.MapGet("/status", StatusAsync).WithName("SearchIndexStatus").WithSummary("This host's index: documents, journal cursor and lag, a rebuild under way.");
        admin.MapPost("/rebuild", Rebuild).WithName("RebuildSearchIndex")
            .WithSummary("Rebuilds this host's index from the database in the background: everything, or one folder's sub-tree (path).");
        return endpoints;
    }

    /// <param name="q">The query: words, "phrases", prefix*, -exclusions and filters (type:, tag:, in:, modified:, owner:, size:).</param>
    /// <param name="path">Only items strictly inside this folder.</param>
    /// <param name="type">Only items of these extensions or kinds (comma-separated: pdf, image, folder …).</param>
    /// <param name="tag">Only items carrying this shared or restricted tag.</param>
    /// <param name="sort"><c>relevance</c> (default), <c>newest</c> or <c>name</c>.</param>
    /// <param name="limit">Results per page, 1 to 100 (default 20).</param>
    /// <param name="cursor">The previous page's <c>nextCursor</c>.</param>
    /// <param name="http">The request.</param>
    /// <param name="search">The search service.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    public static async Task<Results<Ok<SearchPage>, ProblemHttpResult>> SearchAsync(
        [FromQuery] string? q, [FromQuery] string? path, [FromQuery] string? type, [FromQuery] string? tag, [FromQuery] string? sort,
        [FromQuery] int? limit, [FromQuery] string? cursor, HttpContext http, SearchService search, CancellationToken cancellationToken)
    {
        SearchSort? order = null;
        if (sort is not null)
        {
            if (!Enum.TryParse<SearchSort>(sort, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return FsProblems.BadRequest("sort is relevance, newest or name.");
            }

            order = parsed;
        }

        var request = new SearchRequest(q ?? string.Empty, NullIfBlank(path), NullIfBlank(type), NullIfBlank(tag), order, limit ?? 20, NullIfBlank(cursor));
        var outcome = await search.SearchAsync(http.User.ToCaller(), request, cancellationToken);
        return outcome.Page is { } page ? TypedResults.Ok(page) : FsProblems.BadRequest(outcome.Error!);
    }

    public static async Task<Ok<SearchIndexStatus>> StatusAsync(SearchIndexer indexer, CancellationToken cancellationToken) =>
        TypedResults.Ok(await indexer.StatusAsync(cancellationToken));

    /// <summary>Starts a rebuild; its progress is in the status.</summary>
    public static Results<Accepted, ProblemHttpResult> Rebuild([FromBody] SearchRebuildRequest? body, SearchIndexer indexer)
    {
        NodePath? folder = null;
        if (body?.Path is { Length: > 0 } raw && !FsProblems.TryParsePath(raw, out folder, out var problem))
        {
            return problem;
        }

        indexer.RequestRebuild(folder);
        return TypedResults.Accepted("/api/v1/admin/search/status");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>What to rebuild: one folder's sub-tree, or everything when <see cref="Path"/> is absent.</summary>
public sealed record SearchRebuildRequest(string? Path);
