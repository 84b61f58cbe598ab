using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class LinkDialogTests : BrowserScenario
{
    private const string Email = "alice@strata.test";

    [Fact]
    public async Task Double_clicking_get_link_opens_one_dialog()
    {
        var page = await OpenAsBasicUserAsync(Email);
        using (var alice = await App.CreateUserClientAsync(Email))
        {
            await PutAsync(alice, "/Private/alice/report.txt", "x");
        }

        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        await page.Locator("[data-testid=entry][data-name='report.txt']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await page.GetByTestId("get-link").DblClickAsync();

        await Assertions.Expect(page.GetByTestId("link-create")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000);
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(1);
    }
}
