using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Identity;
using Strata.Web.Identity;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Identity;

public sealed partial class AccountPagesTests : TeamScenario
{
    private readonly CountingHasher _hasher = new();

    public AccountPagesTests() => App.ConfigureTestServices = services => services.AddSingleton<IPasswordHasher<StrataUser>>(_hasher);

    [Fact]
    public async Task Wrong_password_shows_an_error_and_sets_no_cookie()
    {
        using var browser = Browser();

        using var response = await PostLoginAsync(browser, "alice@strata.test", "not the password");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("The email or password is not right.");
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).ShouldNotContain(c => c.StartsWith("strata=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_passwords_in_the_form_count_against_the_address_until_even_the_right_one_is_refused()
    {
        var throttle = App.Services.GetRequiredService<SignInThrottle>();
        for (var i = 0; i < SignInThrottle.MaxFailuresPerAddress - 1; i++)
        {
            await throttle.RecordFailureAsync(new DefaultHttpContext());
        }

        using var browser = Browser();
        (await PostLoginAsync(browser, "alice@strata.test", "not the password")).Dispose();

        using var response = await PostLoginAsync(browser, "alice@strata.test", StrataAppFactory.Password);

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Too many failed sign-ins from your network");
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).ShouldNotContain(c => c.StartsWith("strata=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_in_sets_the_cookie_and_the_api_accepts_it_for_reads()
    {
        using var browser = Browser();

        using var response = await PostLoginAsync(browser, "alice@strata.test", StrataAppFactory.Password, returnUrl: "/files/Private/alice");

        Target(response).ShouldBe("/files/Private/alice");
        (await browser.GetJsonAsync(new Uri("/api/v1/me", UriKind.Relative))).GetProperty("userName").GetString().ShouldBe("alice");
    }

    [Fact]
    public async Task The_right_password_without_the_two_factor_code_leaves_no_session_behind()
    {
        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>();
            (await users.SetTwoFactorEnabledAsync((await users.FindByEmailAsync("alice@strata.test"))!, true)).Succeeded.ShouldBeTrue();
        }

        using var browser = Browser();

        using var response = await PostLoginAsync(browser, "alice@strata.test", StrataAppFactory.Password);

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Enter the 6-digit code");
        using var me = await browser.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        me.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var dav = await browser.SendAsync(new HttpRequestMessage(new HttpMethod("PROPFIND"), new Uri("/dav/Private/alice/", UriKind.Relative)), Ct);
        dav.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("https://evil.test/")]
    [InlineData("//evil.test/")]
    [InlineData("/\\evil.test/")]
    [InlineData("/\t/evil.test/")]
    [InlineData("/\r\n/evil.test/")]
    public async Task Return_url_to_another_site_is_ignored(string returnUrl)
    {
        using var browser = Browser();

        using var response = await PostLoginAsync(browser, "alice@strata.test", StrataAppFactory.Password, returnUrl);

        Target(response).ShouldBe("/");
    }

    [Fact]
    public async Task Cookie_authenticated_api_writes_need_the_csrf_header()
    {
        using var browser = Browser();
        (await PostLoginAsync(browser, "alice@strata.test", StrataAppFactory.Password)).Dispose();

        using var forged = await browser.PostAsJsonAsync(FsClient.Fs("/Private/alice/forged"), new { action = "add_folder" }, Ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, FsClient.Fs("/Private/alice/real")) { Content = JsonContent.Create(new { action = "add_folder" }) };
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        using var real = await browser.SendAsync(request, Ct);

        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await forged.ProblemDetailAsync()).ShouldContain("X-Requested-With");
        real.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.test")]
    [InlineData("Origin", "null")]
    public async Task Api_writes_a_browser_marks_as_cross_site_are_refused_even_with_basic_credentials(string header, string value)
    {
        using var response = await AddFolderAsync("forged", header, value);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.ProblemDetailAsync()).ShouldContain("another site");
        (await Alice.GetAsync(FsClient.Fs("/Private/alice/forged"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Origin", "http://localhost")]
    [InlineData("X-Program", "curl")]
    public async Task Api_writes_from_this_site_or_from_programs_pass(string header, string value)
    {
        using var response = await AddFolderAsync("made", header, value);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_locked_account_answers_as_an_unknown_one_does_after_as_much_work()
    {
        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>();
            (await users.SetLockoutEndDateAsync((await users.FindByEmailAsync("alice@strata.test"))!, DateTimeOffset.UtcNow.AddHours(1))).Succeeded.ShouldBeTrue();
        }

        var basic = new Dictionary<string, (HttpStatusCode Status, int Hashes)>();
        var form = new Dictionary<string, (string Error, int Hashes)>();
        foreach (var (who, email, password) in new[]
        {
            ("unknown", "nobody@strata.test", "a made-up password"),
            ("locked, wrong password", "alice@strata.test", "not the password"),
            ("locked, right password", "alice@strata.test", StrataAppFactory.Password),
        })
        {
            using var client = App.CreateAnonymousClient();
            client.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader(email, password);
            var before = _hasher.Work;
            using var response = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
            basic[who] = (response.StatusCode, _hasher.Work - before);

            using var browser = Browser();
            before = _hasher.Work;
            using var page = await PostLoginAsync(browser, email, password);
            form[who] = (LoginError().Match(await page.Content.ReadAsStringAsync(Ct)).Value, _hasher.Work - before);
        }

        basic.Values.ShouldAllBe(answer => answer.Status == HttpStatusCode.Unauthorized && answer.Hashes == 1, string.Join(", ", basic));
        form.Values.Select(answer => answer.Hashes).ShouldAllBe(hashes => hashes == 1, string.Join(", ", form));
        form.Values.Select(answer => answer.Error).Distinct().ShouldHaveSingleItem().ShouldContain("The email or password is not right");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var browser = Browser();
        (await PostLoginAsync(browser, "alice@strata.test", StrataAppFactory.Password)).Dispose();
        // The sign-out form sits in the account menu, drawn when it opens; any page's token for this session will do.
        var token = await AntiforgeryTokenAsync(browser, "/account/login");

        using var response = await browser.PostAsync(new Uri("/account/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_browser_session_at_the_next_request()
    {
        using var browser = Browser();
        (await PostLoginAsync(browser, "alice@strata.test", StrataAppFactory.Password)).Dispose();
        (await browser.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using (var scope = App.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AccountService>().SetDisabledAsync(await AliceIdAsync(), disabled: true)).ShouldNotBeNull();
        }

        (await browser.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var refresh = await browser.GetAsync(new Uri(SessionStamps.RefreshPath, UriKind.Relative), Ct);
        Target(refresh).ShouldStartWith("/account/login");
        (await browser.GetAsync(new Uri("/files/Shared", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task After_a_stamp_change_only_the_pages_proof_renews_the_session()
    {
        using var browser = Browser();
        using var login = await PostLoginAsync(browser, "alice@strata.test", StrataAppFactory.Password);
        var oldCookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var scope = App.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StrataUser>>();
        var alice = (await signIn.UserManager.FindByIdAsync(await AliceIdAsync()))!;
        var before = await signIn.CreateUserPrincipalAsync(alice);
        (await signIn.UserManager.ChangePasswordAsync(alice, StrataAppFactory.Password, "a brand new passphrase")).Succeeded.ShouldBeTrue();
        var proven = App.Services.GetRequiredService<SessionStamps>().RefreshUrl(before, alice.SecurityStamp!, "Password changed.");

        // A copy of the old cookie renews nothing without the proof, or with a damaged one.
        foreach (var url in new[] { SessionStamps.RefreshPath, proven.Replace("proof=", "proof=x", StringComparison.Ordinal) })
        {
            using var copy = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
            request.Headers.Add("Cookie", oldCookie);
            using var refused = await copy.SendAsync(request, Ct);
            Target(refused).ShouldStartWith("/account/login");
        }

        using var renewed = await browser.GetAsync(new Uri(proven, UriKind.Relative), Ct);
        Target(renewed).ShouldStartWith("/profile?message=Password");
        (await browser.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Alice's POST adding a folder, Basic-authenticated, with one more header.</summary>
    private async Task<HttpResponseMessage> AddFolderAsync(string name, string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, FsClient.Fs("/Private/alice/" + name)) { Content = JsonContent.Create(new { action = "add_folder" }) };
        request.Headers.Add(header, value);
        return await Alice.SendAsync(request, Ct);
    }

    private async Task<string> AliceIdAsync()
    {
        using var scope = App.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>().FindByEmailAsync("alice@strata.test"))!.Id;
    }

    [Fact]
    public async Task Pages_of_the_app_redirect_anonymous_visitors_to_sign_in()
    {
        using var browser = Browser();

        using var response = await browser.GetAsync(new Uri("/files/Shared", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.ShouldStartWith("/account/login");
    }

    [Fact]
    public async Task Setup_page_is_closed_once_accounts_exist()
    {
        using var browser = Browser();

        using var response = await browser.GetAsync(new Uri("/account/setup", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldEndWith("/account/login");
    }

    /// <summary>Where a redirect goes, as a local path; fails if it leaves this host.</summary>
    private static string Target(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var target = new Uri(new Uri("http://localhost/"), response.Headers.Location!);
        target.Authority.ShouldBe("localhost");
        return target.PathAndQuery;
    }

    private HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    internal static async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string email, string password, string? returnUrl = null)
    {
        var page = "/account/login" + (returnUrl is null ? string.Empty : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var token = await AntiforgeryTokenAsync(browser, page);
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        return await browser.PostAsync(new Uri(page, UriKind.Relative), new FormUrlEncodedContent(form), Ct);
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient browser, string page)
    {
        var html = await browser.GetStringAsync(new Uri(page, UriKind.Relative), Ct);
        return TokenField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on " + page);
    }

    [GeneratedRegex("The email or password is not right[^<]*")]
    internal static partial Regex LoginError();

    /// <summary>Counts the password hashes and verifications a request costs.</summary>
    private sealed class CountingHasher : PasswordHasher<StrataUser>
    {
        private int _work;

        public int Work => _work;

        public override string HashPassword(StrataUser user, string password)
        {
            Interlocked.Increment(ref _work);
            return base.HashPassword(user, password);
        }

        public override PasswordVerificationResult VerifyHashedPassword(StrataUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _work);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
