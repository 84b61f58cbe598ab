using System.Net.Http.Json;
using System.Text.Json;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Tags;

/// <summary>Helpers over the tags and favorites APIs.</summary>
internal static class TagClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Uri TagUri(string tag, string path, string? scope = null) =>
        new($"/api/v1/tags/{Uri.EscapeDataString(tag)}{path}" + (scope is null ? string.Empty : $"?scope={scope}"), UriKind.Relative);

    public static Task<HttpResponseMessage> TagAsync(this HttpClient client, string tag, string path, string? scope = null) =>
        client.PutAsync(TagUri(tag, path, scope), null, Ct);

    public static Task<HttpResponseMessage> UntagAsync(this HttpClient client, string tag, string path, string? scope = null) =>
        client.DeleteAsync(TagUri(tag, path, scope), Ct);

    public static Task<HttpResponseMessage> CreateTagAsync(this HttpClient client, string name, string? color = null, string? scope = null) =>
        client.PostAsJsonAsync(new Uri("/api/v1/tags", UriKind.Relative), new { name, color, scope }, Ct);

    public static async Task<List<JsonElement>> TagsAsync(this HttpClient client) =>
        (await client.GetJsonAsync(new Uri("/api/v1/tags", UriKind.Relative))).EnumerateArray().ToList();

    /// <summary>The tag names the caller sees on each child of the folder, by child name.</summary>
    public static async Task<Dictionary<string, List<string>>> ChildTagsAsync(this HttpClient client, string folder, string query = "")
    {
        var json = await client.GetJsonAsync(new Uri(FsClient.Fs(folder) + query, UriKind.Relative));
        return json.GetProperty("children").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => c.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList());
    }

    public static async Task<List<string>> TaggedPathsAsync(this HttpClient client, string tag, string? scope = null)
    {
        var json = await client.GetJsonAsync(new Uri($"/api/v1/tags/{Uri.EscapeDataString(tag)}/items" + (scope is null ? string.Empty : $"?scope={scope}"), UriKind.Relative));
        return json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()!).ToList();
    }

    public static Uri FavoriteUri(string path) => new("/api/v1/favorites" + path, UriKind.Relative);

    public static async Task<List<string>> FavoritePathsAsync(this HttpClient client) =>
        (await client.GetJsonAsync(new Uri("/api/v1/favorites", UriKind.Relative))).EnumerateArray().Select(i => i.GetProperty("path").GetString()!).ToList();

    /// <summary>Every journal event the caller may read, as raw JSON text per event.</summary>
    public static async Task<List<JsonElement>> AllEventsAsync(this HttpClient client)
    {
        var events = new List<JsonElement>();
        var after = 0L;
        while (true)
        {
            var page = await client.GetJsonAsync(new Uri($"/api/v1/events?after={after}&limit=1000", UriKind.Relative));
            events.AddRange(page.GetProperty("events").EnumerateArray());
            after = page.GetProperty("next").GetInt64();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return events;
            }
        }
    }
}
