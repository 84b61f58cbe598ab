using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Identity;
using Strata.Web.Identity;

namespace Strata.Web.Tests.Identity;

/// <summary>Over real Kestrel, where requests come from loopback as from a reverse proxy on the same host.</summary>
public sealed class TrustedProxyTests : IAsyncLifetime
{
    private const string Email = "erin@strata.test";
    private const string Password = "proxy-test-password-1";
    private static readonly Uri Me = new("/api/v1/me", UriKind.Relative);

    private readonly StrataAppFactory _app = new();
    private Uri _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = _app.StartOnKestrel();
        using var scope = _app.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<AccountService>().CreateUserAsync(Email, Password, false, Ct)).Succeeded.ShouldBeTrue();
    }

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Behind_a_proxy_one_clients_failed_sign_ins_do_not_lock_out_another()
    {
        var guesserAddress = IPAddress.Parse("203.0.113.1");
        var throttle = _app.Services.GetRequiredService<SignInThrottle>();
        var asGuesser = new DefaultHttpContext { Connection = { RemoteIpAddress = guesserAddress } };
        for (var i = 0; i < SignInThrottle.MaxFailuresPerAddress; i++)
        {
            await throttle.RecordFailureAsync(asGuesser);
        }

        using var guesser = Client("nobody@strata.test", "a made-up password", forwardedFor: guesserAddress.ToString());
        using var colleague = Client(Email, Password, forwardedFor: "203.0.113.2");

        (await guesser.GetAsync(Me, Ct)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await colleague.GetAsync(Me, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Behind_a_proxy_that_rewrites_the_host_a_webdav_move_to_the_public_url_works()
    {
        using var client = Client(Email, Password, forwardedFor: "203.0.113.3");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "files.example.com");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        (await client.PutAsync(new Uri("/dav/Private/erin/draft.txt", UriKind.Relative), new StringContent("text"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var move = new HttpRequestMessage(new HttpMethod("MOVE"), new Uri("/dav/Private/erin/draft.txt", UriKind.Relative));
        move.Headers.Add("Destination", "https://files.example.com/dav/Private/erin/final.txt");
        using var moved = await client.SendAsync(move, Ct);

        moved.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.GetStringAsync(new Uri("/dav/Private/erin/final.txt", UriKind.Relative), Ct)).ShouldBe("text");
    }

    private HttpClient Client(string email, string password, string forwardedFor)
    {
        var client = new HttpClient { BaseAddress = _server };
        client.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader(email, password);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }
}
