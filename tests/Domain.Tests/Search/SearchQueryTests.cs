using Strata.Domain.Search;

namespace Strata.Domain.Tests.Search;

public sealed class SearchQueryTests
{
    private static SearchQuery Parse(string text)
    {
        SearchQuery.TryParse(text, out var query, out var error).ShouldBeTrue(error);
        return query;
    }

    private static string Refuse(string? text)
    {
        SearchQuery.TryParse(text, out _, out var error).ShouldBeFalse();
        return error!;
    }

    [Fact]
    public void Words_phrases_prefixes_and_exclusions_keep_their_order()
    {
        var query = Parse("quarterly \"cash flow\" fore* -draft -\"old copy\"");

        query.Terms.ShouldBe([
            new SearchTerm("quarterly", SearchTermKind.Word, false),
            new SearchTerm("cash flow", SearchTermKind.Phrase, false),
            new SearchTerm("fore", SearchTermKind.Prefix, false),
            new SearchTerm("draft", SearchTermKind.Word, true),
            new SearchTerm("old copy", SearchTermKind.Phrase, true),
        ]);
        query.Sort.ShouldBe(SearchSort.Relevance);
    }

    [Fact]
    public void Filters_are_read_with_their_values_quoted_or_not()
    {
        var query = Parse("report type:PDF,.docx tag:release-7 tag:\"Legal hold\" in:\"/Shared/Eng Team\" owner:bob@strata.test");

        query.Terms.ShouldHaveSingleItem().Text.ShouldBe("report");
        query.Types.ShouldBe(["pdf", "docx"]);
        query.Tags.ShouldBe(["release-7", "Legal hold"]);
        query.In!.Value.ShouldBe("/Shared/Eng Team");
        query.Owner.ShouldBe("bob@strata.test");
    }

    [Theory]
    [InlineData("modified:>2026-01-01", "2026-01-02", null)]
    [InlineData("modified:>=2026-01-01", "2026-01-01", null)]
    [InlineData("modified:<2026-01-01", null, "2026-01-01")]
    [InlineData("modified:<=2026-01-01", null, "2026-01-02")]
    [InlineData("modified:2026-01-01", "2026-01-01", "2026-01-02")]
    [InlineData("modified:>=2026-01-01 modified:<2026-02-01", "2026-01-01", "2026-02-01")]
    public void Modified_dates_become_a_half_open_range_in_utc(string text, string? from, string? before)
    {
        var query = Parse(text);

        query.ModifiedFrom.ShouldBe(from is null ? null : DateTimeOffset.Parse(from + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        query.ModifiedBefore.ShouldBe(before is null ? null : DateTimeOffset.Parse(before + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("size:>100MB", 104_857_601L, null)]
    [InlineData("size:>=1.5kb", 1536L, null)]
    [InlineData("size:<2GB", null, 2_147_483_647L)]
    [InlineData("size:<=10", null, 10L)]
    [InlineData("size:4KB", 4096L, 4096L)]
    public void Sizes_count_in_powers_of_1024(string text, long? min, long? max)
    {
        var query = Parse(text);

        query.MinSize.ShouldBe(min);
        query.MaxSize.ShouldBe(max);
    }

    [Fact]
    public void A_colon_that_names_no_filter_is_part_of_a_word()
    {
        Parse("meeting 10:30").Terms.Select(t => t.Text).ShouldBe(["meeting", "10:30"]);
    }

    [Theory]
    [InlineData(null, "Type something")]
    [InlineData("   ", "Type something")]
    [InlineData("*report", "a * goes only at the end")]
    [InlineData("r*", "a * goes only at the end")]
    [InlineData("re*port", "a * goes only at the end")]
    [InlineData("\"unfinished phrase", "closing quote")]
    [InlineData("-draft", "besides what it excludes")]
    [InlineData("-type:pdf", "a minus excludes words and phrases only")]
    [InlineData("tag:", "needs a value")]
    [InlineData("modified:>yesterday", "yyyy-mm-dd")]
    [InlineData("size:>lots", "size:>100MB")]
    [InlineData("size:>99999999TB", "size:>100MB")]
    [InlineData("in:relative/path", "not a folder path")]
    public void Bad_queries_are_refused_with_the_reason(string? text, string reason)
    {
        Refuse(text).ShouldContain(reason);
    }

    [Fact]
    public void A_query_longer_than_the_cap_or_with_too_many_parts_is_refused()
    {
        Refuse(new string('a', SearchQuery.MaxLength + 1)).ShouldContain("at most");
        Refuse(string.Join(' ', Enumerable.Repeat("word", SearchQuery.MaxParts + 1))).ShouldContain("at most");
        Parse(string.Join(' ', Enumerable.Repeat("word", SearchQuery.MaxParts))).Terms.Count.ShouldBe(SearchQuery.MaxParts);
    }

    [Fact]
    public void Filters_alone_are_a_search()
    {
        Parse("type:pdf").Types.ShouldBe(["pdf"]);
    }
}
