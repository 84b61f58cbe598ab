using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Credentials;
using Strata.Infrastructure.Identity;
using Strata.Web.Identity;

namespace Strata.Web.Tests.Identity;

/// <summary>
/// Wrong passwords lock an account's password only from the address that sent them: a stranger who knows an email
/// cannot shut its owner out. Test requests arrive as from a reverse proxy on the same host, so X-Forwarded-For
/// names the client, as it does behind a trusted proxy.
/// </summary>
public sealed partial class AccountLockoutTests : TeamScenario
{
    private const string Email = "alice@strata.test";
    private const string Guesser = "203.0.113.10";
    private const string Owner = "203.0.113.20";
    private const string Bystander = "203.0.113.30";

    public AccountLockoutTests() => App.ConfigureTestServices = services => services.AddTransient<IStartupFilter, FromLocalProxy>();

    [Fact]
    public async Task Wrong_passwords_over_webdav_lock_the_password_only_from_the_address_that_sent_them()
    {
        var appPassword = await AppPasswordAsync();
        for (var i = 0; i < SignInThrottle.MaxFailuresPerAccount; i++)
        {
            (await PropfindAsync(Guesser, "not the password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await PropfindAsync(Owner, StrataAppFactory.Password)).StatusCode.ShouldBe((HttpStatusCode)207);
        (await PropfindAsync(Guesser, appPassword)).StatusCode.ShouldBe((HttpStatusCode)207);
        using var locked = await PropfindAsync(Guesser, StrataAppFactory.Password);
        using var wrong = await PropfindAsync(Bystander, "not the password");
        await ShouldAnswerAlikeAsync(locked, wrong);
    }

    [Fact]
    public async Task Wrong_passwords_in_the_sign_in_form_lock_the_password_only_from_the_address_that_sent_them()
    {
        using var guesser = Browser(Guesser);
        for (var i = 0; i < SignInThrottle.MaxFailuresPerAccount; i++)
        {
            using var refused = await AccountPagesTests.PostLoginAsync(guesser, Email, "not the password");
            (await ErrorAsync(refused)).ShouldBe(SignInThrottle.FailureMessage);
        }

        using var owner = Browser(Owner);
        using var signedIn = await AccountPagesTests.PostLoginAsync(owner, Email, StrataAppFactory.Password);
        using var locked = await AccountPagesTests.PostLoginAsync(guesser, Email, StrataAppFactory.Password);
        using var wrong = await AccountPagesTests.PostLoginAsync(Browser(Bystander), Email, "not the password");

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        locked.StatusCode.ShouldBe(wrong.StatusCode);
        (await ErrorAsync(locked)).ShouldBe(await ErrorAsync(wrong));
        locked.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).ShouldNotContain(c => c.StartsWith("strata=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_owner_locked_out_from_their_own_address_still_syncs_with_an_app_password_and_a_token()
    {
        var appPassword = await AppPasswordAsync();
        using var tokenClient = App.CreateAnonymousClient();
        tokenClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SecretAsync(CredentialKind.Token));
        tokenClient.DefaultRequestHeaders.Add("X-Forwarded-For", Guesser);
        for (var i = 0; i < SignInThrottle.MaxFailuresPerAccount; i++)
        {
            (await PropfindAsync(Guesser, "not the password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await PropfindAsync(Guesser, StrataAppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PropfindAsync(Guesser, appPassword)).StatusCode.ShouldBe((HttpStatusCode)207);
        (await tokenClient.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task ShouldAnswerAlikeAsync(HttpResponseMessage locked, HttpResponseMessage wrong)
    {
        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        locked.StatusCode.ShouldBe(wrong.StatusCode);
        locked.Headers.WwwAuthenticate.ToString().ShouldBe(wrong.Headers.WwwAuthenticate.ToString());
        locked.Content.Headers.ContentType?.ToString().ShouldBe(wrong.Content.Headers.ContentType?.ToString());
        (await BodyAsync(locked)).ShouldBe(await BodyAsync(wrong));
    }

    /// <summary>The body without its trace id, which differs between any two requests.</summary>
    private static async Task<string> BodyAsync(HttpResponseMessage response) =>
        TraceId().Replace(await response.Content.ReadAsStringAsync(Ct), string.Empty);

    private async Task<HttpResponseMessage> PropfindAsync(string from, string password)
    {
        using var client = App.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader(Email, password);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", from);
        using var request = new HttpRequestMessage(new HttpMethod("PROPFIND"), new Uri("/dav/Private/alice/", UriKind.Relative));
        request.Headers.Add("Depth", "0");
        return await client.SendAsync(request, Ct);
    }

    private HttpClient Browser(string from)
    {
        var browser = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", from);
        return browser;
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage page) =>
        AccountPagesTests.LoginError().Match(await page.Content.ReadAsStringAsync(Ct)).Value;

    private Task<string> AppPasswordAsync() => SecretAsync(CredentialKind.AppPassword);

    private async Task<string> SecretAsync(CredentialKind kind)
    {
        using var scope = App.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StrataUser>>().FindByEmailAsync(Email);
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<CredentialService>().CreateAsync(user!.Id, kind, "Laptop", Ct);
        return secret;
    }

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    /// <summary>The test server has no client address; this gives every request the loopback one of a proxy on the host.</summary>
    private sealed class FromLocalProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
