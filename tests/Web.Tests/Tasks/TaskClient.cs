using System.Net.Http.Json;
using System.Text.Json;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Tasks;

/// <summary>Calls of the tasks API for tests.</summary>
internal static class TaskClient
{
    public static readonly Uri Tasks = new("/api/v1/tasks", UriKind.Relative);

    public static Uri Task(long id) => new($"/api/v1/tasks/{id}", UriKind.Relative);

    public static Uri On(string path) => new("/api/v1/tasks/on" + path, UriKind.Relative);

    /// <summary>Whom a task on <paramref name="path"/> may be given to, by a name containing <paramref name="term"/>.</summary>
    public static Uri Assignees(string path, string term) => new($"/api/v1/tasks/assignees{path}?q={Uri.EscapeDataString(term)}", UriKind.Relative);

    /// <summary>A due time a week ahead, in Berlin.</summary>
    public static string NextWeek => DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static Task<HttpResponseMessage> CreateTaskAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync(Tasks, body, TestContext.Current.CancellationToken);

    /// <summary>Creates a task and returns its id; fails the test if refused.</summary>
    public static async Task<long> GiveTaskAsync(this HttpClient client, string path, string kind, object[] assignees, string completion = "Any")
    {
        using var response = await client.CreateTaskAsync(new { path, kind, title = $"{kind} {path}", assignees, completion, due = NextWeek, timeZone = "Europe/Berlin" });
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> RespondAsync(this HttpClient client, long id, string outcome, string? note = null) =>
        client.PostAsJsonAsync(new Uri($"/api/v1/tasks/{id}/responses", UriKind.Relative), new { outcome, note }, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PatchTaskAsync(this HttpClient client, long id, object body) =>
        client.PatchAsJsonAsync(Task(id), body, TestContext.Current.CancellationToken);

    public static async Task<string> StatusOfAsync(this HttpClient client, long id) =>
        (await client.GetJsonAsync(Task(id))).GetProperty("status").GetString()!;

    /// <summary>The ids of "My tasks" for the query string given.</summary>
    public static async Task<List<long>> MyTaskIdsAsync(this HttpClient client, string query = "") =>
        (await client.GetJsonAsync(new Uri("/api/v1/tasks" + query, UriKind.Relative))).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();

    public static object User(string name) => new { user = name };

    public static object Group(string name) => new { group = name };
}
