using Strata.Domain.Search;
using Strata.Web.Search;

namespace Strata.Web.Tests.Search;

/// <summary>The results page's address: what it keeps, and the one query it turns into.</summary>
public sealed class SearchAddressTests
{
    [Fact]
    public void Every_filter_joins_the_words_as_the_query_language_writes_it()
    {
        var address = new SearchAddress("quarterly forecast", Path: "/Shared/Eng Team", Type: "pdf", Tag: "release-7", Modified: ">=2026-01-01", Size: ">100MB", Owner: "ann@strata.test", Sort: "newest");

        var request = address.ToRequest(25, "cursor-1");

        request.Query.ShouldBe("quarterly forecast in:\"/Shared/Eng Team\" type:pdf tag:release-7 modified:>=2026-01-01 size:>100MB owner:ann@strata.test");
        request.Sort.ShouldBe(SearchSort.Newest);
        (request.Limit, request.Cursor).ShouldBe((25, "cursor-1"));
        SearchQuery.TryParse(request.Query, out var parsed, out var error).ShouldBeTrue(error);
        parsed.In!.Value.ShouldBe("/Shared/Eng Team");
    }

    [Fact]
    public void A_filter_alone_is_a_search_the_parser_accepts()
    {
        var request = new SearchAddress(Path: "/Shared/Eng").ToRequest(25);

        request.Query.ShouldBe("in:/Shared/Eng");
        SearchQuery.TryParse(request.Query, out _, out var error).ShouldBeTrue(error);
    }

    [Fact]
    public void The_address_leaves_out_what_is_not_set_and_the_default_sort()
    {
        new SearchAddress("a b", Type: " ", Sort: "relevance").Href.ShouldBe("/search?q=a%20b");
        new SearchAddress(Path: "/Shared/Eng", Sort: "Name").Href.ShouldBe("/search?path=%2FShared%2FEng&sort=name");
    }

    [Theory]
    [InlineData(null, SearchSort.Relevance)]
    [InlineData("NEWEST", SearchSort.Newest)]
    [InlineData("7", SearchSort.Relevance)]
    [InlineData("nonsense", SearchSort.Relevance)]
    public void An_unknown_sort_is_by_relevance(string? sort, SearchSort expected) =>
        new SearchAddress("x", Sort: sort).SortOrder.ShouldBe(expected);

    [Fact]
    public void Modified_within_counts_whole_days_back_from_today_in_utc() =>
        SearchAddress.ModifiedWithin(new DateTimeOffset(2026, 3, 8, 1, 0, 0, TimeSpan.FromHours(2)), 7).ShouldBe(">=2026-02-28");
}
