using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class AccountFlowTests : BrowserScenario
{
    private const string Email = "owner@corp.test";
    private const string Password = "a long admin passphrase";

    [Fact]
    public async Task First_run_setup_then_sign_out_and_sign_in_again()
    {
        var page = await OpenAnonymousAsync();

        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/setup");
        await page.GetByTestId("email").FillAsync(Email);
        await page.GetByTestId("password").FillAsync(Password);
        await page.GetByTestId("create-admin").ClickAsync();
        await page.WaitForURLAsync("**/files/Shared");
        await Assertions.Expect(page.GetByTestId("breadcrumbs")).ToContainTextAsync("Shared");

        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/account/login");
        await page.GotoAsync("/files/Private/owner");
        await page.WaitForURLAsync("**/account/login**");
        await page.GetByTestId("email").FillAsync(Email);
        await page.GetByTestId("password").FillAsync("wrong password!");
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("not right");
        await page.GetByTestId("password").FillAsync(Password);
        await page.GetByTestId("sign-in").ClickAsync();

        await page.WaitForURLAsync("**/files/Private/owner");
        await Assertions.Expect(page.GetByTestId("breadcrumbs")).ToContainTextAsync("owner");
    }
}
