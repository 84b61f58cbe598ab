using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Tests;
using Strata.Web.Tests.Dav;

namespace Strata.Web.Tests.Hosting;

/// <summary>
/// The deployment guide's haproxy configuration (<c>deploy/haproxy.cfg</c>, used as it is) in front of two web hosts
/// on one server database, Redis and blob folder: what clients without a cookie see, spread over both hosts.
/// </summary>
public sealed class DeploymentTests : IAsyncLifetime
{
    private const string Email = "carol@strata.test";
    private const string Password = "deploy-test-password-1";

    private readonly string _work = Directory.CreateTempSubdirectory("strata-deploy-").FullName;
    private SharedInstallation? _installation;
    private Process? _haproxy;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true, WithRedis = true)]
    public async Task Litmus_passes_through_haproxy_over_two_hosts_and_each_served_part(DatabaseProvider provider)
    {
        var web1 = Start(provider);
        var web2 = Start(provider);
        using (var scope = Hosts[0].Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AccountService>().CreateUserAsync(Email, Password, false, Ct)).Succeeded.ShouldBeTrue();
        }

        var front = await StartHaproxyAsync(web1, web2);
        using var client = new HttpClient { BaseAddress = front };
        client.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader(Email, Password);
        (await client.SendAsync("MKCOL", "/Private/carol/litmus")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = Hosts.Select(Requests).ToList();

        var (exitCode, output) = await PeerTool.RunAsync(
            "litmus",
            [new Uri(front, "/dav/Private/carol/litmus/").ToString(), Email, Password],
            _work,
            new Dictionary<string, string> { ["TESTS"] = "basic copymove props locks http" });

        exitCode.ShouldBe(0, output);
        output.ShouldNotContain("FAIL", Case.Sensitive);
        foreach (var (group, count) in new[] { ("basic", 16), ("copymove", 13), ("props", 30), ("locks", 41), ("http", 4) })
        {
            output.ShouldContain($"<- summary for `{group}': of {count} tests run: {count} passed, 0 failed. 100.0%");
        }

        // litmus keeps no cookie, so round robin gave each host a share: locks taken on one were honoured on the other.
        Hosts.Select((h, i) => Requests(h) - before[i]).ShouldAllBe(served => served > 50);
    }

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true, WithRedis = true)]
    public async Task A_browser_is_kept_on_the_host_that_served_it(DatabaseProvider provider)
    {
        var front = await StartHaproxyAsync(Start(provider), Start(provider));
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = front };
        var before = Hosts.Select(Requests).ToList();

        for (var i = 0; i < 10; i++)
        {
            using var page = await browser.GetAsync(new Uri("/account/login", UriKind.Relative), Ct);
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        Hosts.Select((h, i) => Requests(h) - before[i]).Order().ShouldBe([0, 10]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_haproxy is { HasExited: false })
        {
            _haproxy.Kill();
            await _haproxy.WaitForExitAsync(CancellationToken.None);
        }

        _haproxy?.Dispose();
        if (_installation is not null)
        {
            await _installation.DisposeAsync();
        }

        Directory.Delete(_work, recursive: true);
    }

    /// <summary>Requests other than health checks this host has answered so far.</summary>
    private static long Requests(StrataAppFactory host) => host.Services.GetRequiredService<RequestCounter>().Count;

    private IReadOnlyList<StrataAppFactory> Hosts => _installation!.Hosts;

    /// <summary>Starts a host of the installation on a Kestrel port of its own; returns its address.</summary>
    private Uri Start(DatabaseProvider provider)
    {
        _installation ??= new SharedInstallation(provider);
        return _installation.AddHost(configure: s => s.AddSingleton<RequestCounter>().AddSingleton<IStartupFilter, RequestCounter.Filter>(), onKestrel: true)
            .StartOnKestrel();
    }

    /// <summary>Runs haproxy on <c>deploy/haproxy.cfg</c> in front of the hosts; returns once it routes to both.</summary>
    private async Task<Uri> StartHaproxyAsync(Uri web1, Uri web2)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("haproxy") { RedirectStandardError = true };
        foreach (var argument in new[] { "-db", "-f", Path.Combine(RepositoryRoot(), "deploy", "haproxy.cfg") })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["STRATA_LISTEN"] = $"127.0.0.1:{port}";
        start.Environment["STRATA_WEB1"] = web1.Authority;
        start.Environment["STRATA_WEB2"] = web2.Authority;
        _haproxy = Process.Start(start) ?? throw new InvalidOperationException("haproxy did not start; install the Debian package 'haproxy'.");
        var front = new Uri($"http://127.0.0.1:{port}/");

        using var probe = new HttpClient { BaseAddress = front };
        var deadline = Stopwatch.StartNew();
        while (!await RespondsAsync(probe))
        {
            if (_haproxy.HasExited)
            {
                throw new InvalidOperationException("haproxy stopped: " + await _haproxy.StandardError.ReadToEndAsync(Ct));
            }
            deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "haproxy did not answer");
            await Task.Delay(100, Ct);
        }

        return front;
    }

    private static async Task<bool> RespondsAsync(HttpClient probe)
    {
        try
        {
            using var response = await probe.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Platform.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Counts the requests a host answers but for health checks (haproxy's own), at the very start of its pipeline.</summary>
    private sealed class RequestCounter
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public sealed class Filter(RequestCounter counter) : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use(async (context, proceed) =>
                {
                    if (!context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref counter._count);
                    }

                    await proceed(context);
                });
                next(app);
            };
        }
    }
}
