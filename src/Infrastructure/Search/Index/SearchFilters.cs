using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Strata.Domain.Access;

namespace Strata.Infrastructure.Search.Index;

/// <summary>Filters over sets of keys, which unlike boolean clauses have no count limit (1024 clauses).</summary>
internal static class SearchFilters
{
    public static Filter AnyOf(string field, IEnumerable<string> values) =>
        new TermsFilter(field, values.Select(v => new BytesRef(v)).ToList());

    /// <summary>
    /// The items the caller may read: per layer of <paramref name="scope"/>, at or below a readable folder and at or
    /// below none of its exceptions. Null when the caller may read nothing at all.
    /// </summary>
    public static Filter? Readable(ReadableScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var layers = new BooleanFilter();
        foreach (var layer in scope.Layers.Where(l => l.Readable.Count > 0))
        {
            var clause = new BooleanFilter { new FilterClause(AnyOf(SearchFields.Scope, layer.Readable.Select(p => p.Key)), Occur.MUST) };
            if (layer.Except.Count > 0)
            {
                clause.Add(new FilterClause(AnyOf(SearchFields.Scope, layer.Except.Select(p => p.Key)), Occur.MUST_NOT));
            }

            layers.Add(new FilterClause(clause, Occur.SHOULD));
        }

        return layers.Clauses.Count == 0 ? null : layers;
    }
}
