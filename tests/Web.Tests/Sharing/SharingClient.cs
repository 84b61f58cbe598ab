using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Sharing;

/// <summary>Helpers over the sharing and administration APIs.</summary>
internal static class SharingClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Uri Permissions(string path) => new("/api/v1/permissions" + path, UriKind.Relative);

    public static Task<HttpResponseMessage> GrantAsync(this HttpClient client, string path, string? user, string? group, string level) =>
        client.PutAsJsonAsync(Permissions(path), new { user, group, level }, Ct);

    public static async Task GrantUserAsync(this HttpClient client, string path, string user, string level) =>
        (await client.GrantAsync(path, user, null, level)).EnsureSuccessStatusCode();

    public static async Task GrantGroupAsync(this HttpClient client, string path, string group, string level) =>
        (await client.GrantAsync(path, null, group, level)).EnsureSuccessStatusCode();

    public static async Task<long> CreateGroupAsync(this HttpClient admin, string name)
    {
        using var response = await admin.PostAsJsonAsync(new Uri("/api/v1/admin/groups", UriKind.Relative), new { name }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
    }

    public static async Task AddMemberAsync(this HttpClient admin, long groupId, HttpClient member)
    {
        var userId = await member.UserIdAsync();
        using var response = await admin.PutAsync(new Uri($"/api/v1/admin/groups/{groupId}/members/{userId}", UriKind.Relative), null, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public static async Task<string> UserIdAsync(this HttpClient client) =>
        (await client.GetJsonAsync(new Uri("/api/v1/me", UriKind.Relative))).GetProperty("id").GetString()!;

    public static async Task<long> TrashIdAsync(this HttpClient client, string originalPath) =>
        (await client.GetJsonAsync(new Uri("/api/v1/trash", UriKind.Relative))).EnumerateArray()
            .Single(i => i.GetProperty("originalPath").GetString() == originalPath).GetProperty("id").GetInt64();
}
