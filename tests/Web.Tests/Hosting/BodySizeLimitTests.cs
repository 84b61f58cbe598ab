using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Identity;
using Strata.Web.Tests.Uploads;

namespace Strata.Web.Tests.Hosting;

/// <summary>Over real Kestrel: its 30 MB body limit holds everywhere but on the endpoints that stream to the blob store.</summary>
public sealed class BodySizeLimitTests : IAsyncLifetime
{
    private const string Email = "dana@strata.test";
    private const string Password = "body-limit-password-1";

    private static readonly byte[] OverKestrelsLimit = new byte[31_000_000];

    private readonly StrataAppFactory _app = new();
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var server = _app.StartOnKestrel();
        using (var scope = _app.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AccountService>().CreateUserAsync(Email, Password, false, Ct)).Succeeded.ShouldBeTrue();
        }

        // HttpClient sends the body anyway when 100 Continue takes over a second, which a loaded test machine can take.
        _client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = server };
        _client.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader(Email, Password);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_json_endpoint_refuses_a_body_over_30_MB()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/fs/Private/dana/folder", UriKind.Relative))
        {
            Content = new ByteArrayContent(OverKestrelsLimit) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };

        // Waiting for 100 Continue, as curl does for large bodies, lets the client read the refusal instead of a broken pipe.
        request.Headers.ExpectContinue = true;
        using var response = await _client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_api_webdav_and_tus_uploads_take_bodies_over_30_MB()
    {
        using var api = await _client.PutAsync(new Uri("/api/v1/fs-content/Private/dana/api.bin", UriKind.Relative), new ByteArrayContent(OverKestrelsLimit), Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var dav = await _client.PutAsync(new Uri("/dav/Private/dana/dav.bin", UriKind.Relative), new ByteArrayContent(OverKestrelsLimit), Ct);
        dav.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var created = await _client.CreateAsync("/Private/dana", "created.bin", OverKestrelsLimit.Length, OverKestrelsLimit);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        var upload = await _client.StartAsync("/Private/dana", "tus.bin", OverKestrelsLimit.Length);
        using var tus = await _client.PatchAsync(upload, 0, OverKestrelsLimit);
        tus.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}
