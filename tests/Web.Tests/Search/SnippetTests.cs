using Bunit;
using Strata.Infrastructure.Search.Index;
using Strata.Web.Search;

namespace Strata.Web.Tests.Search;

public sealed class SnippetTests : BunitContext
{
    [Fact]
    public void Matched_words_are_marked_and_the_documents_own_markup_stays_text()
    {
        var cut = Render<Snippet>(p => p.Add(s => s.Value, new SearchSnippet(
        [
            new("The ", false), new("quarterly", true), new(" <b>forecast</b> & ", false), new("plan", true),
        ])));

        var snippet = cut.Find("[data-testid=snippet]");
        snippet.TextContent.ShouldBe("The quarterly <b>forecast</b> & plan");
        snippet.QuerySelectorAll("mark").Select(m => m.TextContent).ShouldBe(["quarterly", "plan"]);
        snippet.QuerySelector("b").ShouldBeNull();
    }
}
