using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Icu;
using Lucene.Net.Analysis.Icu.Segmentation;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Util;

namespace Strata.Infrastructure.Search.Index;

/// <summary>
/// How text becomes terms. Everything is cut into words by the ICU tokenizer (Unicode word boundaries, with
/// dictionaries for Chinese, Japanese and Thai) and folded by ICU (case, accents, widths: café = CAFE = ｃａｆｅ).
/// Names are also split where people join words: <c>_</c>, <c>-</c>, <c>.</c>, camelCase and letter/digit changes.
/// </summary>
public static class SearchAnalyzers
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private const WordDelimiterFlags NameParts = WordDelimiterFlags.GENERATE_WORD_PARTS | WordDelimiterFlags.GENERATE_NUMBER_PARTS
        | WordDelimiterFlags.SPLIT_ON_CASE_CHANGE | WordDelimiterFlags.SPLIT_ON_NUMERICS;

    /// <summary>Names as indexed: the parts and also the whole, so that typing a full name or any part of it finds it.</summary>
    public static Analyzer NameIndexing { get; } = new NameAnalyzer(NameParts | WordDelimiterFlags.PRESERVE_ORIGINAL);

    /// <summary>Names as searched: only the parts, each of which the index holds.</summary>
    public static Analyzer NameQuery { get; } = new NameAnalyzer(NameParts);

    /// <summary>Content, tags and comments: words, folded.</summary>
    public static Analyzer Text { get; } = new TextAnalyzer();

    /// <summary>What the index writer analyses documents with: names as names, everything else as text.</summary>
    public static Analyzer Documents { get; } = new PerFieldAnalyzerWrapper(Text, new Dictionary<string, Analyzer>
    {
        [SearchFields.Name] = NameIndexing,
    });

    /// <summary>The terms <paramref name="analyzer"/> makes of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<string> Terms(Analyzer analyzer, string field, string text)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    private sealed class NameAnalyzer(WordDelimiterFlags flags) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new ICUTokenizer(reader);
            TokenStream stream = new WordDelimiterFilter(Version, tokenizer, flags, protWords: null);
            stream = new ICUFoldingFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }

    private sealed class TextAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new ICUTokenizer(reader);
            return new TokenStreamComponents(tokenizer, new ICUFoldingFilter(tokenizer));
        }
    }
}
