using Strata.Infrastructure.Search.Index;

namespace Strata.Infrastructure.Tests.Search;

public sealed class SearchAnalyzersTests
{
    [Theory]
    [InlineData("quarterlyForecastQ3.xlsx", new[] { "quarterlyforecastq3", "quarterly", "forecast", "q", "3", "xlsx" })]
    [InlineData("release_notes-v2.final", new[] { "release_notes", "release", "notes", "v2", "v", "2", "final" })]
    [InlineData("Café Menu", new[] { "cafe", "menu" })]
    public void Names_are_indexed_whole_and_in_parts_folded(string name, string[] expected) =>
        SearchAnalyzers.Terms(SearchAnalyzers.NameIndexing, "name", name).ShouldBe(expected, ignoreOrder: true);

    [Fact]
    public void Names_are_searched_by_their_parts_only() =>
        SearchAnalyzers.Terms(SearchAnalyzers.NameQuery, "name", "quarterlyForecast_v2").ShouldBe(["quarterly", "forecast", "v", "2"]);

    [Theory]
    [InlineData("Crème BRÛLÉE", new[] { "creme", "brulee" })]
    [InlineData("ＦＵＬＬ width", new[] { "full", "width" })]
    [InlineData("Straße", new[] { "strasse" })]
    public void Text_is_folded_for_case_accents_and_width(string text, string[] expected) =>
        SearchAnalyzers.Terms(SearchAnalyzers.Text, "content", text).ShouldBe(expected);

    [Fact]
    public void Chinese_and_japanese_are_cut_into_words_not_kept_as_one_run()
    {
        var chinese = SearchAnalyzers.Terms(SearchAnalyzers.Text, "content", "我们的季度预测报告");
        var japanese = SearchAnalyzers.Terms(SearchAnalyzers.Text, "content", "東京都の会議資料");

        chinese.Count.ShouldBeGreaterThan(1);
        string.Concat(chinese).ShouldBe("我们的季度预测报告");
        japanese.Count.ShouldBeGreaterThan(1);
        japanese.ShouldContain("会議");
    }
}
