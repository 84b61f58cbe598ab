using System.Globalization;
using System.Text;
using Lucene.Net.Documents;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Search;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Search.Index;

/// <summary>
/// Answers searches from this host's index, filtered at query time by what the caller may read now (from the same
/// grant rules as every front door, so a grant change needs no re-indexing): a result, a snippet or a count never
/// comes from an item the caller cannot see.
/// </summary>
public sealed class SearchService(SearchIndex index, PermissionService permissions, IDbContextFactory<StrataDbContext> dbFactory)
{
    public const int MaxLimit = 100;

    /// <summary>Paging deeper than this is refused: nobody reads that far, and each page costs all the pages before it.</summary>
    public const int MaxOffset = 10_000;

    private const int SnippetCount = 2;
    private const int SnippetLength = 160;

    /// <summary>Only this much of a document's text is analysed for its snippets, so a huge document costs no more than a long one.</summary>
    private const int MaxHighlightedCharacters = 100_000;

    private const char MatchStart = '\u0001';
    private const char MatchEnd = '\u0002';

    public async Task<SearchOutcome> SearchAsync(Caller caller, SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!TryParse(request, out var query, out var error) || !TryReadCursor(request.Cursor, out var offset, out error))
        {
            return new SearchOutcome(null, error);
        }

        var state = index.State;
        var rebuilding = state is null || state.Rebuild is not null || index.IsDamaged;
        var limit = Math.Clamp(request.Limit, 1, MaxLimit);
        var scope = (await permissions.ForAsync(caller, cancellationToken)).ReadableScope();
        if (!index.IsOpen || SearchFilters.Readable(scope) is not { } readable)
        {
            return new SearchOutcome(new SearchPage([], 0, null, rebuilding), null);
        }

        var owners = query.Owner is { } owner ? await OwnerIdsAsync(owner, cancellationToken) : [];
        var (lucene, words) = SearchQueryTranslator.Translate(query, owners);
        var sort = (request.Sort ?? query.Sort) switch
        {
            SearchSort.Newest => new Sort(new SortField(SearchFields.ModifiedSort, SortFieldType.INT64, reverse: true)),
            SearchSort.Name => new Sort(new SortField(SearchFields.NameSort, SortFieldType.STRING)),
            _ => Sort.RELEVANCE,
        };

        try
        {
            var page = index.Search(searcher =>
            {
                var top = searcher.Search(lucene, readable, offset + limit, sort);
                var items = top.ScoreDocs.Skip(offset).Select(hit => ToHit(searcher.Doc(hit.Doc), words)).ToList();
                var next = offset + items.Count < top.TotalHits && offset + limit <= MaxOffset ? WriteCursor(offset + limit) : null;
                return new SearchPage(items, top.TotalHits, next, rebuilding);
            });
            return new SearchOutcome(page, null);
        }
        catch (Exception e) when (e is Lucene.Net.Index.CorruptIndexException or EndOfStreamException)
        {
            // Reported to the indexer, which rebuilds; meanwhile the search says so rather than failing.
            return new SearchOutcome(new SearchPage([], 0, null, Rebuilding: true), null);
        }
    }

    private static bool TryParse(SearchRequest request, out SearchQuery query, out string? error)
    {
        query = new SearchQuery();
        error = null;
        var browsing = request.Path is not null || request.Type is not null || request.Tag is not null;
        if (!string.IsNullOrWhiteSpace(request.Query) || !browsing)
        {
            if (!SearchQuery.TryParse(request.Query, out var parsed, out error))
            {
                return false;
            }

            query = parsed;
        }

        if (request.Path is not null)
        {
            if (!NodePath.TryParse(request.Path, out var folder, out var pathError))
            {
                error = $"'{request.Path}' is not a folder path: {pathError}";
                return false;
            }

            query = query with { In = folder };
        }

        if (!string.IsNullOrWhiteSpace(request.Type))
        {
            query = query with { Types = [.. query.Types, .. request.Type.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.TrimStart('.').ToLowerInvariant())] };
        }

        if (!string.IsNullOrWhiteSpace(request.Tag))
        {
            query = query with { Tags = [.. query.Tags, request.Tag.Trim()] };
        }

        return true;
    }

    private static bool TryReadCursor(string? cursor, out int offset, out string? error)
    {
        offset = 0;
        error = null;
        if (cursor is null)
        {
            return true;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text[2..], NumberStyles.None, CultureInfo.InvariantCulture, out offset) && offset <= MaxOffset)
            {
                return true;
            }
        }
        catch (FormatException)
        {
            // Answered below, as any other cursor this service did not write.
        }

        error = "The cursor is not one a search returned.";
        return false;
    }

    private static string WriteCursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"o:{offset}")));

    /// <summary>The users an <c>owner:</c> names, by email or user name.</summary>
    private async Task<IReadOnlyCollection<string>> OwnerIdsAsync(string owner, CancellationToken cancellationToken)
    {
        var normalized = owner.ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.NormalizedEmail == normalized || u.NormalizedUserName == normalized).Select(u => u.Id).ToListAsync(cancellationToken);
    }

    private static SearchHit ToHit(Document document, Query? words)
    {
        var snippets = words is null ? [] : Snippets(words, SearchFields.Content, document.Get(SearchFields.Content, CultureInfo.InvariantCulture));
        if (snippets.Count == 0 && words is not null)
        {
            snippets = Snippets(words, SearchFields.Comments, document.Get(SearchFields.Comments, CultureInfo.InvariantCulture));
        }

        return new SearchHit(
            long.Parse(document.Get(SearchFields.Id, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            document.Get(SearchFields.Path, CultureInfo.InvariantCulture),
            document.Get(SearchFields.Name, CultureInfo.InvariantCulture),
            document.GetField(SearchFields.IsFolder).GetInt32Value() == 1,
            document.GetField(SearchFields.Size).GetInt64Value() ?? 0,
            DateTimeOffset.FromUnixTimeMilliseconds(document.GetField(SearchFields.Modified).GetInt64Value() ?? 0),
            document.Get(SearchFields.ContentType, CultureInfo.InvariantCulture),
            snippets,
            document.Get(SearchFields.Kind, CultureInfo.InvariantCulture));
    }

    /// <summary>Up to two fragments of about 160 characters around the words found, as marked parts.</summary>
    private static List<SearchSnippet> Snippets(Query words, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var capped = text.Length > MaxHighlightedCharacters ? text[..MaxHighlightedCharacters] : text;
        capped = capped.Replace(MatchStart, ' ').Replace(MatchEnd, ' ');
        var scorer = new QueryScorer(words, field);
        var highlighter = new Highlighter(new MarkingFormatter(), scorer)
        {
            TextFragmenter = new SimpleSpanFragmenter(scorer, SnippetLength),
            MaxDocCharsToAnalyze = MaxHighlightedCharacters,
        };
        return highlighter.GetBestFragments(SearchAnalyzers.Text, field, capped, SnippetCount)
            .Select(fragment => new SearchSnippet(Parts(fragment)))
            .Where(snippet => snippet.Parts.Any(p => p.IsMatch))
            .ToList();
    }

    private static List<SearchHighlight> Parts(string fragment)
    {
        var parts = new List<SearchHighlight>();
        var flat = string.Join(' ', fragment.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var position = 0;
        while (position < flat.Length)
        {
            var start = flat.IndexOf(MatchStart, position);
            if (start < 0)
            {
                parts.Add(new SearchHighlight(flat[position..], false));
                break;
            }

            if (start > position)
            {
                parts.Add(new SearchHighlight(flat[position..start], false));
            }

            var end = flat.IndexOf(MatchEnd, start);
            end = end < 0 ? flat.Length : end;
            parts.Add(new SearchHighlight(flat[(start + 1)..end], true));
            position = end + 1;
        }

        return parts;
    }

    /// <summary>Marks matches with control characters no stored text keeps, for <see cref="Parts"/> to split on.</summary>
    private sealed class MarkingFormatter : IFormatter
    {
        public string HighlightTerm(string originalText, TokenGroup tokenGroup) =>
            tokenGroup.TotalScore > 0 ? MatchStart + originalText + MatchEnd : originalText;
    }
}
