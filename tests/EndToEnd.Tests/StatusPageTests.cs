using System.Net;
using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class StatusPageTests : BrowserScenario
{
    [Fact]
    public async Task An_unknown_address_shows_the_apps_not_found_page_and_the_api_keeps_problem_details()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");

        var response = await page.GotoAsync("/no/such/page");

        response!.Status.ShouldBe((int)HttpStatusCode.NotFound);
        await Assertions.Expect(page.GetByTestId("status-title")).ToHaveTextAsync("Page not found");
        await Assertions.Expect(page.GetByTestId("account-menu")).ToBeVisibleAsync();
        (await page.ContentAsync()).ShouldNotContain("\"status\":404");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("status-title")).ToHaveTextAsync("Page not found");

        var api = await page.APIRequest.GetAsync("/api/v1/no-such-thing");
        api.Status.ShouldBe((int)HttpStatusCode.NotFound);
        api.Headers["content-type"].ShouldStartWith("application/problem+json");
    }

    [Fact]
    public async Task A_non_administrator_on_an_admin_page_sees_a_friendly_page_not_json()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");

        var response = await page.GotoAsync("/admin/flags");

        response!.Status.ShouldBe((int)HttpStatusCode.Forbidden);
        await Assertions.Expect(page.GetByTestId("status-title")).ToHaveTextAsync("This page is not for you");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("status-title")).ToHaveTextAsync("This page is not for you");
        await Assertions.Expect(page.GetByText("Feature flags")).ToHaveCountAsync(0);
    }
}
