using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Search.Index;

namespace Strata.Web.Search;

/// <summary>A result beside the item as the folder view knows it, whose version gives the thumbnail and the preview.</summary>
public sealed record SearchResult(SearchHit Hit, NodeInfo? Item)
{
    /// <summary>The item to draw: without its content (gone since it was indexed) it shows its type's icon, not a thumbnail.</summary>
    public NodeInfo Shown => Item ?? new NodeInfo(
        Hit.Id, Hit.Name, Hit.Path, Hit.IsFolder, Hit.Size, Hit.ContentType, ContentHash: null, Version: 0, Hit.Modified, Hit.Modified, ModifiedBy: null);

    public static string FolderOf(string path) => NodePath.TryParse(path, out var parsed, out _) ? parsed.Parent.Value : path;
}

/// <summary>A page of results, or the reason the query could not be run (<see cref="Error"/>).</summary>
public sealed record SearchResults(IReadOnlyList<SearchResult> Items, int Total, string? NextCursor, bool Rebuilding, string? Error)
{
    /// <summary>
    /// Runs <paramref name="request"/> and looks up the hits' items in one query. An item gone since it was indexed
    /// keeps its result, without a thumbnail; opening it then says it is gone.
    /// </summary>
    public static async Task<SearchResults> ReadAsync(
        SearchService search, FileService files, Caller caller, SearchRequest request, CancellationToken cancellationToken)
    {
        var outcome = await search.SearchAsync(caller, request, cancellationToken);
        if (outcome.Page is not { } page)
        {
            return new SearchResults([], 0, null, false, outcome.Error ?? "The search could not be run.");
        }

        var paths = page.Items.Select(h => NodePath.TryParse(h.Path, out var path, out _) ? path : null).OfType<NodePath>().ToList();
        var items = (await files.GetManyAsync(caller, paths, cancellationToken)).ToDictionary(i => i.Id);
        return new SearchResults(
            page.Items.Select(h => new SearchResult(h, items.GetValueOrDefault(h.Id))).ToList(), page.Total, page.NextCursor, page.Rebuilding, null);
    }
}
