using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Strata.Domain.Search;
using Strata.Domain.Tags;

namespace Strata.Infrastructure.Search.Index;

/// <summary>
/// Turns a parsed <see cref="SearchQuery"/> into a Lucene query: every word or phrase must match somewhere (the name
/// counts most, then tags, then comments and content), excluded ones nowhere, and every filter must hold. Words are
/// analysed exactly as the indexed text was, so café finds cafe and "quarterlyForecast" finds quarterly_forecast.
/// </summary>
public static class SearchQueryTranslator
{
    /// <summary>
    /// Each field with the analysers a word is read with there: a name is asked for by its parts and also by whole words
    /// as typed, which the index keeps besides the parts (so <c>quarterlyforecastq3</c> finds quarterlyForecastQ3).
    /// </summary>
    private static readonly (string Field, Analyzer[] Analyzers, float Boost)[] TextFields =
    [
        (SearchFields.Name, [SearchAnalyzers.NameQuery, SearchAnalyzers.Text], 4f),
        (SearchFields.TagText, [SearchAnalyzers.Text], 2f),
        (SearchFields.Comments, [SearchAnalyzers.Text], 1f),
        (SearchFields.Content, [SearchAnalyzers.Text], 1f),
    ];

    /// <summary>The query, and the part of it made of the words alone (for highlighting; null when there are none).</summary>
    /// <param name="query">What was typed.</param>
    /// <param name="ownerIds">The user ids <see cref="SearchQuery.Owner"/> names (none when it names nobody); ignored without an owner.</param>
    public static (Query Query, Query? Words) Translate(SearchQuery query, IReadOnlyCollection<string> ownerIds)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(ownerIds);
        var all = new BooleanQuery();
        var words = new BooleanQuery();
        foreach (var term in query.Terms)
        {
            // A word none of the analysers keeps (punctuation alone) asks for nothing.
            if (TermQuery(term) is not { } match)
            {
                continue;
            }

            all.Add(match, term.Excluded ? Occur.MUST_NOT : Occur.MUST);
            if (!term.Excluded)
            {
                words.Add(match, Occur.SHOULD);
            }
        }

        if (query.Types.Count > 0)
        {
            all.Add(Filter(AnyTerm(query.Types.Select(t => SearchKinds.All.Contains(t) ? new Term(SearchFields.Kind, t) : new Term(SearchFields.Extension, t)))), Occur.MUST);
        }

        foreach (var tag in query.Tags)
        {
            var key = TagName.TryCreate(tag, out var name, out _) ? name.Key : tag;
            all.Add(Filter(new TermQuery(new Term(SearchFields.Tag, key))), Occur.MUST);
        }

        if (query.In is { } folder)
        {
            all.Add(Filter(new TermQuery(new Term(SearchFields.Ancestor, folder.Key))), Occur.MUST);
        }

        if (query.ModifiedFrom is not null || query.ModifiedBefore is not null)
        {
            var from = query.ModifiedFrom?.ToUnixTimeMilliseconds();
            var before = query.ModifiedBefore?.ToUnixTimeMilliseconds() - 1;
            all.Add(Filter(NumericRangeQuery.NewInt64Range(SearchFields.Modified, from, before, minInclusive: true, maxInclusive: true)), Occur.MUST);
        }

        if (query.MinSize is not null || query.MaxSize is not null)
        {
            all.Add(Filter(NumericRangeQuery.NewInt64Range(SearchFields.Size, query.MinSize, query.MaxSize, minInclusive: true, maxInclusive: true)), Occur.MUST);
        }

        if (query.Owner is not null)
        {
            all.Add(Filter(AnyTerm(ownerIds.Select(id => new Term(SearchFields.Owner, id)))), Occur.MUST);
        }

        if (!all.Clauses.Any(c => c.Occur == Occur.MUST))
        {
            all.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        return (all, words.Clauses.Count > 0 ? words : null);
    }

    /// <summary>The word or phrase in any of the text fields, the name weighing most.</summary>
    private static BooleanQuery? TermQuery(SearchTerm term)
    {
        var anyField = new BooleanQuery();
        foreach (var (field, analyzers, boost) in TextFields)
        {
            foreach (var match in analyzers.Select(analyzer => FieldQuery(field, analyzer, term)).OfType<Query>().Distinct())
            {
                match.Boost = boost;
                anyField.Add(match, Occur.SHOULD);
            }
        }

        return anyField.Clauses.Count > 0 ? anyField : null;
    }

    private static Query? FieldQuery(string field, Analyzer analyzer, SearchTerm term)
    {
        var tokens = SearchAnalyzers.Terms(analyzer, field, term.Text);
        if (tokens.Count == 0)
        {
            return null;
        }

        if (term.Kind == SearchTermKind.Prefix)
        {
            // The words before the last must be there; the last is the prefix being typed.
            var prefix = new BooleanQuery();
            foreach (var token in tokens.Take(tokens.Count - 1))
            {
                prefix.Add(new TermQuery(new Term(field, token)), Occur.MUST);
            }

            prefix.Add(new PrefixQuery(new Term(field, tokens[^1])), Occur.MUST);
            return tokens.Count == 1 ? prefix.Clauses[0].Query : prefix;
        }

        if (tokens.Count == 1)
        {
            return new TermQuery(new Term(field, tokens[0]));
        }

        var phrase = new PhraseQuery();
        foreach (var token in tokens)
        {
            phrase.Add(new Term(field, token));
        }

        return phrase;
    }

    private static BooleanQuery AnyTerm(IEnumerable<Term> terms)
    {
        var any = new BooleanQuery();
        foreach (var term in terms)
        {
            any.Add(new TermQuery(term), Occur.SHOULD);
        }

        return any;
    }

    /// <summary>A condition that narrows the results without changing their order.</summary>
    private static ConstantScoreQuery Filter(Query query) => new(query) { Boost = 0 };
}
