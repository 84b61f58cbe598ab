using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Comments;

/// <summary>Calls of the comments API, as a client makes them.</summary>
internal static class CommentsClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Uri Comments(string path) => new("/api/v1/comments" + path, UriKind.Relative);

    public static Uri Comment(long id, string suffix = "") => new($"/api/v1/comments/id/{id}{suffix}", UriKind.Relative);

    public static Uri Reaction(long id, string emoji) => Comment(id, "/reactions/" + Uri.EscapeDataString(emoji));

    public static Task<HttpResponseMessage> PostCommentAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(Comments(path), body, Ct);

    /// <summary>Posts a comment that must succeed and returns the response's JSON (comment, unreachableMentions, canShare).</summary>
    public static async Task<JsonElement> CommentAsync(this HttpClient client, string path, string body, long? parentId = null)
    {
        using var response = await client.PostCommentAsync(path, new { body, parentId });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static async Task<long> CommentIdAsync(this HttpClient client, string path, string body, long? parentId = null) =>
        (await client.CommentAsync(path, body, parentId)).GetProperty("comment").GetProperty("id").GetInt64();

    public static async Task<JsonElement> ThreadsAsync(this HttpClient client, string path, string query = "") =>
        (await client.GetJsonAsync(new Uri("/api/v1/comments" + path + query, UriKind.Relative))).GetProperty("threads");

    public static Task<HttpResponseMessage> SetCommentPolicyAsync(this HttpClient client, string folder, string? policy) =>
        client.PutAsJsonAsync(new Uri("/api/v1/comments/settings" + folder, UriKind.Relative), new { policy }, Ct);
}
