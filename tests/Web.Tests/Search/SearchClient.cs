using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Strata.Web.Tests.Search;

/// <summary>Helpers over the search API; the index follows changes within seconds, so tests wait for it with a deadline.</summary>
internal static class SearchClient
{
    /// <summary>Generous: a loaded CI machine is slow, and a passing test returns as soon as the index has caught up.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Uri SearchUri(string query, string extra = "") => new($"/api/v1/search?q={Uri.EscapeDataString(query)}{extra}", UriKind.Relative);

    public static async Task<JsonElement> SearchAsync(this HttpClient client, string query, string extra = "")
    {
        using var response = await client.GetAsync(SearchUri(query, extra), Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static List<string> Paths(this JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()!).ToList();

    /// <summary>Searches until <paramref name="done"/> holds for the page, or fails at the deadline with the last page.</summary>
    public static async Task<JsonElement> SearchUntilAsync(this HttpClient client, string query, Func<JsonElement, bool> done, string extra = "")
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var page = await client.SearchAsync(query, extra);
            if (done(page))
            {
                return page;
            }

            clock.Elapsed.ShouldBeLessThan(Deadline, $"search '{query}' never met the condition; last page: {page}");
            await Task.Delay(50, Ct);
        }
    }

    public static Task<JsonElement> FindAsync(this HttpClient client, string query, string path, string extra = "") =>
        client.SearchUntilAsync(query, page => page.Paths().Contains(path), extra);
}
