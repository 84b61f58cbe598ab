using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Tests;
using Strata.Infrastructure.Uploads;
using Strata.Web.Identity;
using Strata.Web.Notifications;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Identity;
using Strata.Web.Tests.Live;
using Strata.Web.Tests.Sharing;
using Strata.Web.Tests.Uploads;

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

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true, WithRedis = true)]
    public async Task A_file_uploaded_through_one_host_shows_live_in_the_folder_open_on_the_other(DatabaseProvider provider)
    {
        var (a, b) = Start(provider);
        using var onA = await a.CreateUserClientAsync(admin: true);
        (await onA.MkdirAsync("/Shared/Team")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await using var viewerOnB = await LiveViewer.ConnectAsync(b, "alice@strata.test");
        await viewerOnB.JoinAsync("/Shared/Team");

        (await onA.PutTextAsync("/Shared/Team/report.txt", "written through A")).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await viewerOnB.UntilAsync("/Shared/Team/report.txt"))[^1].IsFolder.ShouldBeFalse();
    }

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true, WithRedis = true)]
    public async Task A_lock_taken_through_one_host_refuses_a_write_through_the_other(DatabaseProvider provider)
    {
        var (a, b) = Start(provider);
        using var onA = await a.CreateUserClientAsync(admin: true);
        using var onB = await b.CreateUserClientAsync(admin: true);
        (await onA.PutTextAsync("/Shared/plan.txt", "v1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var plan = new Uri("/dav/Shared/plan.txt", UriKind.Relative);
        using var lockRequest = new HttpRequestMessage(new HttpMethod("LOCK"), plan)
        {
            Content = new StringContent(
                """<?xml version="1.0"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>""",
                Encoding.UTF8,
                "application/xml"),
        };
        using var locked = await onA.SendAsync(lockRequest, Ct);
        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = locked.Headers.GetValues("Lock-Token").Single();

        using var refused = await onB.PutAsync(plan, new StringContent("v2 without the token"), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Locked);
        using var withToken = new HttpRequestMessage(HttpMethod.Put, plan) { Content = new StringContent("v2") };
        withToken.Headers.Add("If", $"({token})");
        using var written = await onB.SendAsync(withToken, Ct);
        written.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true, WithObjectStore = true)]
    public async Task A_resumable_upload_whose_parts_alternate_between_hosts_arrives_intact(DatabaseProvider provider)
    {
        var (a, b) = Start(provider);
        using var onA = await a.CreateUserClientAsync(admin: true);
        using var onB = await b.CreateUserClientAsync(admin: true);
        (await onA.MkdirAsync("/Shared/Team")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var bytes = RandomNumberGenerator.GetBytes(5 << 20);
        var upload = await onA.StartAsync("/Shared/Team", "build.bin", bytes.Length);

        for (var part = 0; part < 5; part++)
        {
            using var patched = await (part % 2 == 0 ? onA : onB).PatchAsync(upload, part << 20, bytes[(part << 20)..((part + 1) << 20)]);
            patched.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"part {part}");
        }

        (await onA.GetByteArrayAsync(FsClient.Content("/Shared/Team/build.bin"), Ct)).ShouldBe(bytes);
        (await onB.GetByteArrayAsync(FsClient.Content("/Shared/Team/build.bin"), Ct)).ShouldBe(bytes);
        var bucket = ObjectBuckets.Open(_installation!.ObjectStore!);
        (await bucket.ListAsync("uploads/", Ct).ToListAsync(Ct)).ShouldBeEmpty("a finished upload's segments are deleted");
    }

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true, WithObjectStore = true)]
    public async Task An_upload_cut_off_on_one_host_is_finished_through_the_other(DatabaseProvider provider)
    {
        var (a, b) = Start(provider);
        using var onA = await a.CreateUserClientAsync(admin: true);
        using var onB = await b.CreateUserClientAsync(admin: true);
        (await onA.MkdirAsync("/Shared/Team")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var bytes = RandomNumberGenerator.GetBytes(6 << 20);
        const int sent = 4_000_000;
        var upload = await onA.StartAsync("/Shared/Team", "dump.bin", bytes.Length);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using (var request = TusClient.Request(HttpMethod.Patch, upload))
        {
            request.Headers.Add("Upload-Offset", "0");
            request.Content = TusClient.OffsetContent(new StreamContent(new DroppingStream(bytes, sent, connection)));
            await Should.ThrowAsync<OperationCanceledException>(() => onA.SendAsync(request, connection.Token));
        }

        // Host A holds the upload's lock until it has stored and recorded what arrived.
        using (await a.Services.GetRequiredService<PartFiles>().LockAsync(upload[(upload.LastIndexOf('/') + 1)..], Ct))
        {
        }

        var offset = await onB.OffsetAsync(upload);
        offset.ShouldBeInRange(1, sent);
        using var finished = await onB.PatchAsync(upload, offset, bytes[(int)offset..]);

        finished.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await onA.GetByteArrayAsync(FsClient.Content("/Shared/Team/dump.bin"), Ct)).ShouldBe(bytes);
    }

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true, WithObjectStore = true)]
    public async Task A_host_killed_mid_upload_leaves_it_for_another_host_to_finish(DatabaseProvider provider)
    {
        _installation = new SharedInstallation(provider);
        using var onB = await _installation.AddHost().CreateUserClientAsync(admin: true);
        (await onB.MkdirAsync("/Shared/Team")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var settings = _installation.Settings();
        settings["Strata:Uploads:CheckpointBytes"] = (1 << 20).ToString(CultureInfo.InvariantCulture);
        var data = Directory.CreateTempSubdirectory("strata-killed-host-").FullName;
        try
        {
            using var a = await StrataProcess.StartAsync(data, StrataAppFactory.Password, crashAt: null, settings);
            using var onA = a.Client("alice@strata.test");
            var bytes = RandomNumberGenerator.GetBytes(6 << 20);
            var created = await onA.StartAsync("/Shared/Team", "crash.dmp", bytes.Length);
            var upload = Uri.TryCreate(created, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : created;

            // The client sends 3.5 MiB and then nothing: host A has stored three 1 MiB segments and waits for more.
            var body = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
            await body.Writer.WriteAsync(bytes.AsMemory(0, (3 << 20) + 500_000), Ct);
            using var request = TusClient.Request(HttpMethod.Patch, upload);
            request.Headers.Add("Upload-Offset", "0");
            request.Content = TusClient.OffsetContent(new StreamContent(body.Reader.AsStream()));
            var sending = onA.SendAsync(request, Ct);
            var waited = Stopwatch.StartNew();
            while (await onB.OffsetAsync(upload) < 3 << 20)
            {
                waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "host A never recorded three segments");
                await Task.Delay(100, Ct);
            }

            a.Kill();
            await body.Writer.CompleteAsync();
            await Should.ThrowAsync<HttpRequestException>(() => sending);

            var offset = await onB.OffsetAsync(upload);
            offset.ShouldBe(3 << 20);
            using var finished = await onB.PatchAsync(upload, offset, bytes[(int)offset..]);
            finished.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await onB.GetByteArrayAsync(FsClient.Content("/Shared/Team/crash.dmp"), Ct)).ShouldBe(bytes);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
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
