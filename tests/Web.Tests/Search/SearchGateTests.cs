using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Flags;

namespace Strata.Web.Tests.Search;

/// <summary>The Search flag closes every way into search in the pages, as the server renders them.</summary>
public sealed class SearchGateTests : IAsyncLifetime
{
    private readonly StrataAppFactory _app = new();
    private HttpClient _alice = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _alice = await _app.CreateUserClientAsync("alice@strata.test");

    [Fact]
    public async Task With_search_on_the_bar_has_the_box_and_a_folder_offers_to_search_in_it()
    {
        var folder = await HtmlAsync("/files/Private/alice");

        folder.ShouldContain("data-testid=\"search-box\"");
        folder.ShouldContain("data-testid=\"search-in-folder\"");
        folder.ShouldContain("href=\"/search?path=%2FPrivate%2Falice\"");
    }

    [Fact]
    public async Task With_search_off_the_box_and_the_folder_link_are_gone_and_the_page_says_so()
    {
        await _app.Services.GetRequiredService<FlagStore>().UpdateAsync(FlagNames.Search, new FlagSettings(false, null, null, 0), actor: null, Ct);

        var folder = await HtmlAsync("/files/Private/alice");
        var page = await HtmlAsync("/search?q=forecast");

        folder.ShouldNotContain("data-testid=\"search-box\"");
        folder.ShouldNotContain("data-testid=\"search-in-folder\"");
        page.ShouldContain("Search is turned off.");
        page.ShouldNotContain("data-testid=\"search-query\"");
    }

    private async Task<string> HtmlAsync(string page)
    {
        using var response = await _alice.GetAsync(new Uri(page, UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _alice.Dispose();
        await _app.DisposeAsync();
    }
}
