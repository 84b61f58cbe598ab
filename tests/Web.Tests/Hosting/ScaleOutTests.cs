using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Tests;
using Strata.Web.Identity;
using Strata.Web.Notifications;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Identity;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Hosting;

/// <summary>
/// Two web hosts of one installation on a server database and Redis, as behind a load balancer: what one host does
/// or learns, the other honours.
/// </summary>
public sealed class ScaleOutTests : IAsyncDisposable
{
    /// <summary>How soon a change made through one host must hold on the other.</summary>
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Account stamps are remembered for exactly <see cref="Propagation"/>, so a disabling holds a second after the
    /// other host last read them, give or take the requests in flight.
    /// </summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(300);

    private SharedInstallation? _installation;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true, WithRedis = true)]
    public async Task A_session_begun_on_one_host_is_good_on_the_other(DatabaseProvider provider)
    {
        var (a, b) = Start(provider);
        await a.CreateUserClientAsync();
        using var browserA = a.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var login = await AccountPagesTests.PostLoginAsync(browserA, "alice@strata.test", StrataAppFactory.Password);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        using var onB = b.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/me", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var me = await onB.SendAsync(request, Ct);

        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var redis = await ConnectionMultiplexer.ConnectAsync(ProviderDataAttribute.Redis!);
        (await redis.GetDatabase().ListLengthAsync(_installation!.RedisPrefix + ":data-protection-keys")).ShouldBeGreaterThan(0);
    }

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true, WithRedis = true)]
    public async Task Wrong_passwords_spread_over_both_hosts_trip_the_throttle(DatabaseProvider provider)
    {
        var (a, b) = Start(provider);
        (await a.CreateUserClientAsync()).Dispose();
        using var guesserA = a.CreateAnonymousClient();
        using var guesserB = b.CreateAnonymousClient();
        guesserA.DefaultRequestHeaders.Authorization = guesserB.DefaultRequestHeaders.Authorization =
            StrataAppFactory.BasicHeader("alice@strata.test", "not the password");

        for (var i = 0; i < SignInThrottle.MaxFailuresPerAddress; i++)
        {
            using var refused = await (i % 2 == 0 ? guesserA : guesserB).GetAsync(Me, Ct);
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        // Each host saw half the failures; together they are the limit, so even the right password now waits.
        using var rightOnA = a.CreateAnonymousClient();
        rightOnA.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader("alice@strata.test", StrataAppFactory.Password);
        using var exhausted = await rightOnA.GetAsync(Me, Ct);
        exhausted.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true, WithRedis = true)]
    public async Task A_grant_withdrawn_or_an_account_disabled_on_one_host_holds_on_the_other_within_a_second(DatabaseProvider provider)
    {
        // B does not follow the journal, as when A reads the change's events first: only what A tells B counts.
        var (a, b) = Start(provider, withoutFollowerOnB: true);
        using var admin = await a.CreateAdminClientAsync();
        using var aliceOnB = await b.CreateUserClientAsync();
        using var bobOnB = await b.CreateUserClientAsync("bob@strata.test");
        (await admin.MkdirAsync("/Shared/Team")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await admin.GrantUserAsync("/Shared/Team", "alice", "Viewer");
        (await aliceOnB.GetAsync(FsClient.Fs("/Shared/Team"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bobOnB.GetAsync(Me, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var bobId = await bobOnB.UserIdAsync();

        await admin.GrantUserAsync("/Shared/Team", "alice", "None");
        using (var scope = a.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AccountService>().SetDisabledAsync(bobId, disabled: true)).ShouldNotBeNull();
        }

        var changed = Stopwatch.StartNew();
        await UntilAsync(aliceOnB, FsClient.Fs("/Shared/Team"), HttpStatusCode.NotFound);
        changed.Elapsed.ShouldBeLessThanOrEqualTo(Propagation);
        await UntilAsync(bobOnB, Me, HttpStatusCode.Unauthorized);
        changed.Elapsed.ShouldBeLessThanOrEqualTo(Propagation + Slack);
    }

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true, WithRedis = true)]
    public async Task A_push_from_one_host_reaches_a_browser_connected_to_the_other(DatabaseProvider provider)
    {
        var (a, b) = Start(provider);
        using var alice = await b.CreateUserClientAsync();
        var aliceId = await alice.UserIdAsync();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(b.Server.BaseAddress, WebNotificationsRegistration.HubPath), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => b.Server.CreateHandler();
                o.Headers["Authorization"] = StrataAppFactory.BasicHeader("alice@strata.test", StrataAppFactory.Password).ToString();
            })
            .Build();
        var unread = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<int>(nameof(INotificationsClient.UnreadChanged), count => unread.TrySetResult(count));
        await connection.StartAsync(Ct);
        try
        {
            await a.Services.GetRequiredService<IHubContext<NotificationsHub, INotificationsClient>>().Clients.User(aliceId).UnreadChanged(7);

            (await unread.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldBe(7);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true, WithRedis = true)]
    public async Task A_host_that_cannot_reach_redis_starts_but_is_not_ready(DatabaseProvider provider)
    {
        _installation = new SharedInstallation(provider);
        using var onA = _installation.AddHost().CreateAnonymousClient();
        using var onB = _installation.AddHost(redis: "127.0.0.1:1,connectTimeout=200").CreateAnonymousClient();

        using var ready = await onA.GetAsync(Ready, Ct);
        using var notReady = await onB.GetAsync(Ready, Ct);

        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        notReady.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    public async ValueTask DisposeAsync()
    {
        if (_installation is not null)
        {
            await _installation.DisposeAsync();
        }
    }

    private static Uri Me => new("/api/v1/me", UriKind.Relative);

    private static Uri Ready => new("/health/ready", UriKind.Relative);

    /// <summary>Asks until <paramref name="client"/> gets <paramref name="status"/> for <paramref name="uri"/>; fails after three seconds.</summary>
    private static async Task UntilAsync(HttpClient client, Uri uri, HttpStatusCode status)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync(uri, Ct);
            if (response.StatusCode == status || waited.Elapsed > TimeSpan.FromSeconds(3))
            {
                response.StatusCode.ShouldBe(status);
                return;
            }

            await Task.Delay(25, Ct);
        }
    }

    private (StrataAppFactory A, StrataAppFactory B) Start(DatabaseProvider provider, bool withoutFollowerOnB = false)
    {
        _installation = new SharedInstallation(provider);
        return (_installation.AddHost(), _installation.AddHost(configure: withoutFollowerOnB ? WithoutNotificationFollower : null));
    }

    private static void WithoutNotificationFollower(IServiceCollection services) =>
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(NotificationFollower)));
}
