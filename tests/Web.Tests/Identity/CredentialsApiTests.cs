using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;
using Strata.Web.Identity;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Identity;

public sealed class CredentialsApiTests : TeamScenario
{
    private const string AliceEmail = "alice@strata.test";
    private static readonly Uri Credentials = new("/api/v1/me/credentials", UriKind.Relative);

    [Fact]
    public async Task Me_describes_the_caller()
    {
        var me = await Alice.GetJsonAsync(new Uri("/api/v1/me", UriKind.Relative));

        me.GetProperty("email").GetString().ShouldBe(AliceEmail);
        me.GetProperty("userName").GetString().ShouldBe("alice");
        me.GetProperty("isAdmin").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task App_password_works_over_basic_until_revoked()
    {
        var (id, secret) = await CreateAsync(Alice, "app_password", "Laptop mount");
        using var mount = ClientWith(StrataAppFactory.BasicHeader(AliceEmail, secret));

        (await mount.GetAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Alice.DeleteAsync(new Uri($"/api/v1/me/credentials/{id}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await mount.GetAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_role_granted_between_requests_shows_in_the_next_one()
    {
        // The principal is remembered between Basic requests; a change to the account must not be hidden by that.
        (await Alice.GetJsonAsync(new Uri("/api/v1/me", UriKind.Relative))).GetProperty("isAdmin").GetBoolean().ShouldBeFalse();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>();
            (await users.AddToRoleAsync((await users.FindByEmailAsync(AliceEmail))!, Roles.Admin)).Succeeded.ShouldBeTrue();
        }

        (await Alice.GetJsonAsync(new Uri("/api/v1/me", UriKind.Relative))).GetProperty("isAdmin").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task App_password_is_forgiving_about_case_and_dashes()
    {
        var (_, secret) = await CreateAsync(Alice, "app_password", "Phone");
        using var mount = ClientWith(StrataAppFactory.BasicHeader(AliceEmail, secret.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant()));

        (await mount.GetAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_works_as_bearer_until_revoked()
    {
        var (id, token) = await CreateAsync(Alice, "token", "CI script");
        using var script = ClientWith(new AuthenticationHeaderValue("Bearer", token));

        (await script.GetJsonAsync(new Uri("/api/v1/me", UriKind.Relative))).GetProperty("email").GetString().ShouldBe(AliceEmail);
        (await Alice.DeleteAsync(new Uri($"/api/v1/me/credentials/{id}", UriKind.Relative), Ct)).EnsureSuccessStatusCode();

        using var response = await script.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("strata_0000000000000000_0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Unknown_bearer_token_returns_401(string token)
    {
        using var client = ClientWith(new AuthenticationHeaderValue("Bearer", token));

        (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Listing_never_shows_secrets_and_the_database_holds_only_hashes()
    {
        var (_, secret) = await CreateAsync(Alice, "token", "Backup");

        using var listing = await Alice.GetAsync(Credentials, Ct);
        var body = await listing.Content.ReadAsStringAsync(Ct);
        body.ShouldContain("Backup");
        body.ShouldNotContain(secret);
        using var scope = App.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<StrataDbContext>().ApiCredentials.SingleAsync(Ct);
        stored.SecretHash.ShouldNotBe(secret);
        stored.SecretHash.Length.ShouldBe(64);
        secret.ShouldNotContain(stored.SecretHash);
    }

    [Fact]
    public async Task Another_users_credential_cannot_be_revoked()
    {
        var (id, _) = await CreateAsync(Alice, "token", "Mine");

        (await Bob.DeleteAsync(new Uri($"/api/v1/me/credentials/{id}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Alice.GetJsonAsync(Credentials)).GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [InlineData("password", "x")]
    [InlineData("token", "")]
    [InlineData(null, "x")]
    public async Task Bad_credential_requests_return_400(string? kind, string name)
    {
        using var response = await Alice.PostAsJsonAsync(Credentials, new { kind, name }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemDetailAsync()).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Account_password_is_refused_once_two_factor_is_on_but_app_passwords_still_work()
    {
        var (_, secret) = await CreateAsync(Alice, "app_password", "Mount");
        await WithUserAsync(AliceEmail, (users, user) => users.SetTwoFactorEnabledAsync(user, true));

        (await Alice.GetAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var mount = ClientWith(StrataAppFactory.BasicHeader(AliceEmail, secret));
        (await mount.GetAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_lockout_refuses_a_remembered_credential_at_once()
    {
        (await Alice.GetAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Lockout renews no stamp: the remembered password and principal would still match, so the lockout itself must be checked.
        await WithUserAsync(AliceEmail, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));

        (await Alice.GetAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_lockout_saved_by_another_process_applies_within_seconds()
    {
        (await Alice.GetAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // ExecuteUpdate bypasses SaveChanges, as a write by another Strata process sharing the database would.
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StrataDbContext>();
            (await db.Users.Where(u => u.Email == AliceEmail)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.MaxValue), Ct)).ShouldBe(1);
        }

        var refused = Stopwatch.StartNew();
        while ((await Alice.GetAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode == HttpStatusCode.OK)
        {
            refused.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "the lockout never reached the cached credentials");
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task A_changed_password_is_not_accepted_from_the_verification_cache()
    {
        (await Alice.GetAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await WithUserAsync(AliceEmail, (users, user) => users.ChangePasswordAsync(user, StrataAppFactory.Password, "a brand new passphrase"));

        (await Alice.GetAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var renewed = ClientWith(StrataAppFactory.BasicHeader(AliceEmail, "a brand new passphrase"));
        (await renewed.GetAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        using var guesser = ClientWith(StrataAppFactory.BasicHeader(AliceEmail, "wrong guess!"));
        for (var i = 0; i < 10; i++)
        {
            (await guesser.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var response = await Alice.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("Basic realm=\"Strata\"");
    }

    [Fact]
    public async Task An_address_that_failed_too_often_gets_429_without_a_password_check_and_remembered_credentials_still_work()
    {
        var me = new Uri("/api/v1/me", UriKind.Relative);
        (await Alice.GetAsync(me, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await WithUserAsync("bob@strata.test", (users, user) => users.ChangePasswordAsync(user, StrataAppFactory.Password, "bob's fresh passphrase"));

        // Test clients have no remote address, as all of them share one: failures of this test's own count.
        var throttle = App.Services.GetRequiredService<SignInThrottle>();
        var sameAddress = new DefaultHttpContext();
        for (var i = 0; i < SignInThrottle.MaxFailuresPerAddress - 2; i++)
        {
            await throttle.RecordFailureAsync(sameAddress);
        }

        using var guesser = ClientWith(StrataAppFactory.BasicHeader("nobody@strata.test", "a made-up password"));
        (await guesser.GetAsync(me, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await guesser.GetAsync(me, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var refused = await guesser.GetAsync(me, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.ShouldBe(FailedAttempts.Window);

        // Even the right password is not checked now; a credential verified before is still recognised.
        using var bob = ClientWith(StrataAppFactory.BasicHeader("bob@strata.test", "bob's fresh passphrase"));
        (await bob.GetAsync(me, Ct)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await Alice.GetAsync(me, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>
    /// Inconsistent auth pathways (docs/decisions/0009): one table of what must never pass, sent to every front door. A
    /// disabled account's credentials of each kind, and a public link's token offered as a credential.
    /// </summary>
    [Fact]
    public async Task No_front_door_accepts_a_disabled_account_or_a_link_token()
    {
        var (_, appPassword) = await CreateAsync(Alice, "app_password", "Mount");
        var (_, token) = await CreateAsync(Alice, "token", "Script");
        (await Alice.PutAsync(FsClient.Content("/Private/alice/doc.txt"), new StringContent("doc"), Ct)).EnsureSuccessStatusCode();
        var (_, linkToken) = await Alice.CreateLinkAsync(new { path = "/Private/alice/doc.txt" });
        var disabled = new Dictionary<string, AuthenticationHeaderValue>
        {
            ["disabled account's password"] = StrataAppFactory.BasicHeader(AliceEmail, StrataAppFactory.Password),
            ["disabled account's app password"] = StrataAppFactory.BasicHeader(AliceEmail, appPassword),
            ["disabled account's token"] = new("Bearer", token),
        };
        foreach (var (name, credential) in disabled)
        {
            using var client = ClientWith(credential);
            (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, $"{name}, before");
        }

        using (var scope = App.Services.CreateScope())
        {
            var alice = await scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>().FindByEmailAsync(AliceEmail);
            (await scope.ServiceProvider.GetRequiredService<AccountService>().SetDisabledAsync(alice!.Id, disabled: true)).ShouldNotBeNull();
        }

        var refused = disabled.Append(new("link token as a bearer token", new AuthenticationHeaderValue("Bearer", linkToken)))
            .Append(new("link token as a Basic password", StrataAppFactory.BasicHeader("bob@strata.test", linkToken)));
        (string Method, string Url)[] doors =
        [
            ("GET", "/api/v1/me"), ("GET", "/api/v1/fs/Private/alice"), ("GET", "/api/v1/fs-content/Private/alice/doc.txt"),
            ("PROPFIND", "/dav/Private/alice/"), ("GET", "/dav/Private/alice/doc.txt"), ("POST", "/api/v1/uploads"),
            ("POST", "/hubs/folders/negotiate?negotiateVersion=1"),
        ];
        var passed = new List<string>();
        foreach (var (name, credential) in refused)
        {
            using var client = ClientWith(credential);
            foreach (var (method, url) in doors)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
                request.Headers.Add("Tus-Resumable", "1.0.0");
                request.Headers.Add("Depth", "0");
                using var response = await client.SendAsync(request, Ct);
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    passed.Add($"{name}: {method} {url} → {(int)response.StatusCode}");
                }
            }
        }

        passed.ShouldBeEmpty();
    }

    private HttpClient ClientWith(AuthenticationHeaderValue authorization)
    {
        var client = App.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    private async Task WithUserAsync(string email, Func<UserManager<StrataUser>, StrataUser, Task<IdentityResult>> change)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>();
        var result = await change(users, (await users.FindByEmailAsync(email))!);
        result.Succeeded.ShouldBeTrue();
    }

    private static async Task<(long Id, string Secret)> CreateAsync(HttpClient client, string kind, string name)
    {
        using var response = await client.PostAsJsonAsync(Credentials, new { kind, name }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (created.GetProperty("credential").GetProperty("id").GetInt64(), created.GetProperty("secret").GetString()!);
    }
}
