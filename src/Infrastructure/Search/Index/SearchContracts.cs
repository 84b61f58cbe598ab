using Strata.Domain.Search;

namespace Strata.Infrastructure.Search.Index;

/// <summary>
/// A search: the text typed (the query language of <see cref="SearchQuery"/>), and filters a page sets apart from it
/// (a folder, a type, a tag); <see cref="Query"/> may be empty when one of those is given, to browse. The
/// <see cref="Sort"/> given wins over none; <see cref="Cursor"/> is a previous page's <see cref="SearchPage.NextCursor"/>.
/// </summary>
public sealed record SearchRequest(string Query, string? Path = null, string? Type = null, string? Tag = null,
    SearchSort? Sort = null, int Limit = 20, string? Cursor = null);

/// <summary>
/// A page of results the caller may see, with their <see cref="Total"/> (counted after the permission filter);
/// <see cref="Rebuilding"/> while the index is being rebuilt, when results may be missing.
/// </summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Items, int Total, string? NextCursor, bool Rebuilding);

/// <summary>An item found; <c>Kind</c> is folder, image, video, audio, document, spreadsheet, presentation, archive, text or other.</summary>
public sealed record SearchHit(long Id, string Path, string Name, bool IsFolder, long Size, DateTimeOffset Modified,
    string? ContentType, IReadOnlyList<SearchSnippet> Snippets, string? Kind = null);

/// <summary>A fragment of about 160 characters of the item's text or comments, as parts, the matching ones marked.</summary>
public sealed record SearchSnippet(IReadOnlyList<SearchHighlight> Parts);

public sealed record SearchHighlight(string Text, bool IsMatch);

/// <summary>A page, or why the search could not run (a syntax error, in words for the user).</summary>
public sealed record SearchOutcome(SearchPage? Page, string? Error);
