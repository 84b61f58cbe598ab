using System.Net;
using Microsoft.Playwright;
using OtpNet;
using Strata.Web.Tests;

namespace Strata.EndToEnd.Tests;

public sealed class ProfileTests : BrowserScenario
{
    private const string Email = "alice@strata.test";

    [Fact]
    public async Task An_app_password_is_shown_once_works_over_basic_and_stops_when_revoked()
    {
        var page = await SignedInAsync();

        await page.GetByTestId("credential-name").FillAsync("Laptop mount");
        await page.GetByTestId("create-credential").ClickAsync();
        var secret = (await page.GetByTestId("credential-secret").TextContentAsync())!.Trim();
        await Assertions.Expect(page.GetByTestId("credentials")).ToContainTextAsync("Laptop mount");

        using var mount = App.CreateAnonymousClient();
        mount.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader(Email, secret);
        (await mount.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await page.GetByTestId("revoke").ClickAsync();
        await Assertions.Expect(page.GetByTestId("credentials")).Not.ToContainTextAsync("Laptop mount");
        (await mount.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Two_factor_enrolment_then_sign_in_asks_for_the_code()
    {
        var page = await SignedInAsync();

        await page.GetByTestId("enable-two-factor").ClickAsync();
        await Assertions.Expect(page.GetByTestId("qr")).ToBeVisibleAsync();
        var key = (await page.GetByTestId("authenticator-key").TextContentAsync())!.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var totp = new Totp(Base32Encoding.ToBytes(key));
        await page.GetByTestId("verify-code").FillAsync("000000" == totp.ComputeTotp() ? "111111" : "000000");
        await page.GetByTestId("verify-two-factor").ClickAsync();
        await Assertions.Expect(page.GetByText("That code is not right")).ToBeVisibleAsync();
        await page.GetByTestId("verify-code").FillAsync(totp.ComputeTotp());
        await page.GetByTestId("verify-two-factor").ClickAsync();
        // Turning it on reloads the page through /account/refresh (new cookie): a click before that lands is lost.
        await page.WaitForURLAsync("**/profile?message=*");
        await Assertions.Expect(page.GetByTestId("two-factor-on")).ToBeVisibleAsync();

        await SignOutAsync(page);
        await page.WaitForURLAsync("**/account/login");
        await page.GetByTestId("email").FillAsync(Email);
        await page.GetByTestId("password").FillAsync(StrataAppFactory.Password);
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("6-digit code");
        await page.GetByTestId("password").FillAsync(StrataAppFactory.Password);
        await page.GetByTestId("code").FillAsync(totp.ComputeTotp());
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        using var basic = App.CreateAnonymousClient();
        basic.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader(Email, StrataAppFactory.Password);
        (await basic.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_the_new_one_signs_in()
    {
        const string newPassword = "a brand new passphrase";
        var page = await SignedInAsync();

        await page.GetByTestId("current-password").FillAsync("not my password");
        await page.GetByTestId("new-password").FillAsync(newPassword);
        await page.GetByTestId("confirm-password").FillAsync(newPassword);
        await page.GetByTestId("change-password").ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-error")).ToContainTextAsync("current password is not right");

        await page.GetByTestId("current-password").FillAsync(StrataAppFactory.Password);
        await page.GetByTestId("change-password").ClickAsync();
        await Assertions.Expect(page.GetByText("Password changed")).ToBeVisibleAsync();
        await page.GotoAsync("/api/v1/me");
        (await page.ContentAsync()).ShouldContain(Email);

        using var basic = App.CreateAnonymousClient();
        basic.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader(Email, newPassword);
        (await basic.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<IPage> SignedInAsync()
    {
        using (await App.CreateUserClientAsync(Email))
        {
            // Creates the account.
        }

        var page = await OpenAnonymousAsync();
        await SignInAsync(page, Email, StrataAppFactory.Password);
        await WaitInteractiveAsync(page);
        return page;
    }
}
