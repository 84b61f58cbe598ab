using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Strata.Web.Tests.Sharing;

/// <summary>Helpers for creating links as their owner and visiting them as someone without an account.</summary>
internal static class LinkClient
{
    public const string PasswordHeader = "X-Link-Password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Uri Links { get; } = new("/api/v1/links", UriKind.Relative);

    /// <summary>The visitor API of a link: <c>/api/v1/public/{token}</c> followed by <paramref name="suffix"/>, sent as written.</summary>
    public static Uri Api(string token, string suffix = "") => new($"/api/v1/public/{token}{suffix}", UriKind.Relative);

    /// <summary>A token of the same shape that no link has: the first character changed (one token in 64 starts with 'A').</summary>
    public static string UnknownLike(string token) => (token[0] == 'A' ? "B" : "A") + token[1..];

    public static Uri Page(string token, string suffix = "") => new($"/s/{token}{suffix}", UriKind.Relative);

    public static async Task<(long Id, string Token)> CreateLinkAsync(this HttpClient owner, object request)
    {
        using var response = await owner.PostAsJsonAsync(Links, request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (json.GetProperty("link").GetProperty("id").GetInt64(), json.GetProperty("token").GetString()!);
    }

    /// <summary>A GET with the link password in its header when one is given; the caller disposes the response.</summary>
    public static Task<HttpResponseMessage> VisitAsync(this HttpClient visitor, Uri uri, string? password = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (password is not null)
        {
            request.Headers.Add(PasswordHeader, password);
        }

        configure?.Invoke(request);
        return visitor.SendAsync(request, Ct);
    }

    /// <summary>The status and, when it succeeded, the body as text.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> FetchAsync(this HttpClient visitor, Uri uri, string? password = null)
    {
        using var response = await visitor.VisitAsync(uri, password);
        var body = response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(Ct) : string.Empty;
        return (response.StatusCode, body);
    }
}
