using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Hosting;

/// <summary>A host with <c>Strata:Telemetry:OtlpEndpoint</c> sends its traces and metrics to a collector there.</summary>
public sealed class TelemetryTests : IAsyncDisposable
{
    private readonly Channel<(string Signal, string Body)> _received = Channel.CreateUnbounded<(string, string)>();
    private WebApplication? _collector;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_and_job_queues_are_exported_over_otlp()
    {
        var collector = await StartCollectorAsync();
        var app = new StrataAppFactory();
        app.Settings["Strata:Telemetry:OtlpEndpoint"] = collector.ToString();
        app.Settings["Strata:Telemetry:MetricsInterval"] = "00:00:01";
        using (app)
        using (var alice = await app.CreateUserClientAsync())
        {
            (await alice.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await alice.PutAsync(FsClient.Content("/Private/alice/note.txt"), new StringContent("hello"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
            string[] names = ["http.server.request.duration", "strata.blobs.commit.duration", "strata.jobs.enqueued"];
            var metrics = await NextAsync("metrics", body => names.All(n => body.Contains(n, StringComparison.Ordinal)));
            metrics.ShouldContain("strata");
        }

        // Spans leave in batches; the host's stop flushes what is left.
        var traces = await NextAsync("traces", body => body.Contains("/api/v1/me", StringComparison.Ordinal));
        traces.ShouldContain("strata");
    }

    public async ValueTask DisposeAsync()
    {
        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }
    }

    /// <summary>A stand-in OpenTelemetry collector: takes OTLP/HTTP posts and keeps their bodies (protobuf, whose strings are UTF-8).</summary>
    private async Task<Uri> StartCollectorAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _collector = builder.Build();
        _collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _received.Writer.TryWrite((signal, Encoding.Latin1.GetString(body.ToArray())));
            return Results.Ok();
        });
        await _collector.StartAsync(Ct);
        var address = _collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address + "/");
    }

    private async Task<string> NextAsync(string signal, Func<string, bool> wanted)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            var (received, body) = await _received.Reader.ReadAsync(patience.Token);
            if (received == signal && wanted(body))
            {
                return body;
            }
        }
    }
}
