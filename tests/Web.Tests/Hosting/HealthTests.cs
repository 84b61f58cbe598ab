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

    /// <summary>The host runs outside Development (as <c>dotnet run</c> does here) and still serves the UI's library assets.</summary>
    [Theory]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/js/uploads.js")]
    public async Task The_ui_assets_are_served_outside_development(string asset)
    {
        using var client = _app.CreateAnonymousClient();

        using var response = await client.GetAsync(new Uri(asset, UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
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
