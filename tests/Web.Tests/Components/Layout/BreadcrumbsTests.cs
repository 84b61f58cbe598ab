using Bunit;
using MudBlazor.Services;
using Strata.Web.Components.Layout;

namespace Strata.Web.Tests.Components.Layout;

public sealed class BreadcrumbsTests : BunitContext
{
    public BreadcrumbsTests() => Services.AddMudServices();

    [Fact]
    public void Every_step_but_the_last_links_to_its_page_and_the_last_is_the_current_page()
    {
        var cut = Render<Breadcrumbs>(p => p
            .Add(b => b.Steps, [("Files", "/files"), ("Shared", "/files/Shared"), ("Builds", "/files/Shared/Builds")])
            .Add(b => b.TestId, "breadcrumbs"));

        var trail = cut.Find("nav[data-testid=breadcrumbs]");
        trail.GetAttribute("aria-label").ShouldBe("Breadcrumb");
        trail.QuerySelectorAll("a").Select(a => (a.TextContent, a.GetAttribute("href"))).ShouldBe([("Files", "/files"), ("Shared", "/files/Shared")]);
        trail.QuerySelector("[aria-current=page]")!.TextContent.ShouldBe("Builds");
    }
}
