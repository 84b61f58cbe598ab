using System.Net;

namespace Strata.Web.Tests.Hosting;

public sealed class HealthTests : IDisposable
{
    private readonly StrataAppFactory _app = new();

    [Fact]
    public async Task Ready_with_database_and_blob_folder_returns_healthy()
    {
        using var client = _app.CreateAnonymousClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApi_document_is_served()
    {
        using var client = _app.CreateAnonymousClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"openapi\"");
    }

    public void Dispose() => _app.Dispose();
}
