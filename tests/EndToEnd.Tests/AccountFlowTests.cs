using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class AccountFlowTests : BrowserScenario
{
    private const string Email = "owner@corp.test";
    private const string Password = "a long admin passphrase";

    // URLs are polled rather than awaited as navigations with their load event: on a loaded CI machine the sign-in
    // page once took more than the 15 s allowed to fire it, drawn and usable long before.
    [Fact]
    public async Task First_run_setup_then_sign_out_and_sign_in_again()
    {
        var page = await OpenAnonymousAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/setup$"));
        // Nobody is signed in yet: no navigation drawer (it was an empty side menu) and no account menu.
        await Assertions.Expect(page.GetByTestId("email")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-drawer")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("account-menu")).ToHaveCountAsync(0);
        await page.GetByTestId("email").FillAsync(Email);
        await page.GetByTestId("password").FillAsync(Password);
        await page.GetByTestId("create-admin").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/files/Shared$"));
        await Assertions.Expect(page.GetByTestId("breadcrumbs")).ToContainTextAsync("Shared");
        await Assertions.Expect(page.GetByTestId("account-menu")).ToHaveTextAsync("owner");

        await SignOutAsync(page);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await page.GotoAsync("/files/Private/owner");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.GetByTestId("email").FillAsync(Email);
        await page.GetByTestId("password").FillAsync("wrong password!");
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("not right");
        await page.GetByTestId("password").FillAsync(Password);
        await page.GetByTestId("sign-in").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/files/Private/owner$"));
        await Assertions.Expect(page.GetByTestId("breadcrumbs")).ToContainTextAsync("owner");
    }
}
