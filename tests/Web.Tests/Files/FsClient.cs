using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Strata.Web.Tests.Files;

/// <summary>Small helpers over the REST API so tests read as the scenario they check.</summary>
internal static class FsClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Uri Fs(string path) => new("/api/v1/fs" + path, UriKind.Relative);

    public static Uri Content(string path) => new("/api/v1/fs-content" + path, UriKind.Relative);

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(Fs(path), body, Ct);

    public static Task<HttpResponseMessage> MkdirAsync(this HttpClient client, string path) =>
        client.ActAsync(path, new { action = "add_folder" });

    public static async Task<HttpResponseMessage> PutTextAsync(this HttpClient client, string path, string text, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Content(path)) { Content = new StringContent(text, Encoding.UTF8) };
        configure?.Invoke(request);
        return await client.SendAsync(request, Ct);
    }

    public static async Task<HttpResponseMessage> PutBytesAsync(this HttpClient client, string path, byte[] bytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Content(path)) { Content = new ByteArrayContent(bytes) };
        return await client.SendAsync(request, Ct);
    }

    public static async Task<string> GetTextAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(Content(path), Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(Ct);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, Uri uri)
    {
        using var response = await client.GetAsync(uri, Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static async Task<List<string>> ListNamesAsync(this HttpClient client, string folder)
    {
        var json = await client.GetJsonAsync(Fs(folder));
        return json.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
    }

    public static async Task<string> ProblemDetailAsync(this HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return json.TryGetProperty("detail", out var detail) ? detail.GetString() ?? string.Empty : string.Empty;
    }
}
