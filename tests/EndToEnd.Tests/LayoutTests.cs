using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class LayoutTests : BrowserScenario
{
    [Fact]
    public async Task Phone_width_has_no_sideways_scroll_and_grid_and_theme_are_remembered()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            using var put = await alice.PutAsync(new Uri("/api/v1/fs-content/Private/alice/a%20rather%20long%20file%20name%20for%20a%20phone.txt", UriKind.Relative), new StringContent("x"), Ct);
            put.IsSuccessStatusCode.ShouldBeTrue();
        }

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/files/Private/alice");
        var entry = page.Locator("[data-testid=entry]").First;
        await Assertions.Expect(entry).ToBeVisibleAsync();
        await AssertFitsAsync(page);

        await page.GetByTestId("view-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".strata-tile[data-testid=entry]")).ToHaveCountAsync(1);
        await page.GetByTestId("theme-toggle").ClickAsync();
        var darkBackground = await BackgroundAsync(page);
        await AssertFitsAsync(page);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".strata-tile[data-testid=entry]")).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync($"() => getComputedStyle(document.querySelector('.mud-layout') || document.body).backgroundColor === '{darkBackground}'");
        await AssertFitsAsync(page);
        await Assertions.Expect(page.GetByTestId("new-folder")).ToBeInViewportAsync();
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-layout') || document.body).backgroundColor");
}
