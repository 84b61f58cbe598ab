using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Strata.Domain.Search;
using Strata.Infrastructure.Search.Index;

namespace Strata.Web.Search;

/// <summary>
/// What the results page shows, as it is kept in the address (<c>/search?q=…&amp;type=pdf&amp;sort=newest</c>), so a
/// search can be bookmarked, shared and gone back to. Each filter control edits one parameter.
/// </summary>
public sealed record SearchAddress(
    string? Q = null,
    string? Path = null,
    string? Type = null,
    string? Tag = null,
    string? Modified = null,
    string? Size = null,
    string? Owner = null,
    string? Sort = null)
{
    public const string Page = "/search";

    public bool IsEmpty => string.IsNullOrWhiteSpace(Q) && FilterCount == 0;

    /// <summary>How many filters are set besides the words.</summary>
    public int FilterCount => new[] { Path, Type, Tag, Modified, Size, Owner }.Count(f => !string.IsNullOrWhiteSpace(f));

    public SearchSort SortOrder => Enum.TryParse<SearchSort>(Sort, ignoreCase: true, out var sort) && Enum.IsDefined(sort) ? sort : SearchSort.Relevance;

    public string Href => QueryHelpers.AddQueryString(Page, new Dictionary<string, string?>
    {
        ["q"] = Blank(Q),
        ["path"] = Blank(Path),
        ["type"] = Blank(Type),
        ["tag"] = Blank(Tag),
        ["modified"] = Blank(Modified),
        ["size"] = Blank(Size),
        ["owner"] = Blank(Owner),
        ["sort"] = SortOrder == SearchSort.Relevance ? null : SortOrder.ToString().ToLowerInvariant(),
    }.Where(p => p.Value is not null));

    /// <summary>
    /// The words and every filter as one query in the search language, so a filter alone (all PDFs in a folder) is a
    /// search too; values with spaces are quoted as the parser reads them.
    /// </summary>
    public SearchRequest ToRequest(int limit, string? cursor = null)
    {
        var filters = new (string Key, string? Value)[]
        {
            ("in", Path), ("type", Type), ("tag", Tag), ("modified", Modified), ("size", Size), ("owner", Owner),
        };
        var text = string.Join(' ', filters
            .Where(f => !string.IsNullOrWhiteSpace(f.Value))
            .Select(f => f.Key + ":" + Quoted(f.Value!.Trim()))
            .Prepend(Q?.Trim() ?? string.Empty)
            .Where(part => part.Length > 0));
        return new SearchRequest(text, Sort: SortOrder, Limit: limit, Cursor: cursor);
    }

    /// <summary>The "modified" parameter for things changed since <paramref name="days"/> days before <paramref name="now"/>.</summary>
    public static string ModifiedWithin(DateTimeOffset now, int days) =>
        ">=" + DateOnly.FromDateTime(now.UtcDateTime.AddDays(-days)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Quoted(string value) => value.Any(char.IsWhiteSpace) ? "\"" + value + "\"" : value;
}
