// Mention-to-bell latency: CLIENTS users each hold a connection to /hubs/notifications; one of them posts a comment
// mentioning another ROUNDS times, and each round times the Post request's start to the mentioned user's
// NotificationReceived. Prints key=value lines (the unit in the key), as the bench scripts do.
// Usage: Strata.Collab <base-url> <admin-email:password> [clients=200] [rounds=50]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Strata.Collab <base-url> <admin-email:password> [clients=200] [rounds=50]");
    return 2;
}

var baseUri = new Uri(args[0]);
var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50;
const string Password = "collab-bench-password-1";
const string Folder = "/Shared/Collab";
const string Item = Folder + "/plan.txt";

using var admin = Client(args[1]);
var users = await Setup.UsersAsync(admin, clients, Password);
await Setup.ItemAsync(admin, users, Folder, Item);

var connections = new List<HubConnection>();
var waiting = new Dictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
var connect = Stopwatch.StartNew();
foreach (var batch in users.Chunk(20))
{
    connections.AddRange(await Task.WhenAll(batch.Select(async user =>
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "/hubs/notifications"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Headers["Authorization"] = Basic(user.Email + ":" + Password).ToString();
            })
            .Build();

        // Only the fact and the moment count here, not the notification's content.
        connection.On<JsonElement, int>("NotificationReceived", (_, _) =>
        {
            lock (waiting)
            {
                if (waiting.Remove(user.UserName, out var round))
                {
                    round.TrySetResult(Stopwatch.GetTimestamp());
                }
            }
        });
        connection.On<int>("UnreadChanged", _ => { });
        await connection.StartAsync();
        return connection;
    })));
}

Console.WriteLine($"collab.clients_connected={connections.Count(c => c.State == HubConnectionState.Connected)}");
Console.WriteLine($"collab.connect_all_s={connect.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)}");

var poster = users[0];
using var posting = Client(poster.Email + ":" + Password);
var latencies = new List<double>();
var missed = 0;
for (var round = 0; round < rounds + 1; round++)
{
    var target = users[1 + (round % (users.Count - 1))];
    var heard = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
    lock (waiting)
    {
        waiting[target.UserName] = heard;
    }

    var started = Stopwatch.GetTimestamp();
    using (var post = await posting.PostAsJsonAsync(new Uri("/api/v1/comments" + Item, UriKind.Relative), new { body = $"@{target.UserName} round {round}" }))
    {
        post.EnsureSuccessStatusCode();
    }

    if (await Task.WhenAny(heard.Task, Task.Delay(TimeSpan.FromSeconds(10))) != heard.Task)
    {
        missed++;
        continue;
    }

    // Round 0 warms up the paths (JIT, the first derivation) and is not counted.
    if (round > 0)
    {
        latencies.Add(Stopwatch.GetElapsedTime(started, await heard.Task).TotalMilliseconds);
    }

    // Spread the rounds over the follower's polling phase instead of locking onto it.
    await Task.Delay(137 + (round * 53 % 211));
}

latencies.Sort();
Console.WriteLine($"collab.mention_to_bell_rounds={latencies.Count}");
Console.WriteLine($"collab.mention_to_bell_missed={missed}");
Console.WriteLine($"collab.mention_to_bell_ms_p50={Percentile(latencies, 0.50)}");
Console.WriteLine($"collab.mention_to_bell_ms_p95={Percentile(latencies, 0.95)}");
Console.WriteLine($"collab.mention_to_bell_ms_max={Percentile(latencies, 1.0)}");
await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
return missed == 0 ? 0 : 1;

HttpClient Client(string credentials)
{
    var client = new HttpClient { BaseAddress = baseUri };
    client.DefaultRequestHeaders.Authorization = Basic(credentials);
    return client;
}

static AuthenticationHeaderValue Basic(string credentials) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

static string Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? "NA" : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)].ToString("F1", CultureInfo.InvariantCulture);

/// <summary>An account made for the bench.</summary>
internal sealed record BenchUser(string Id, string UserName, string Email);

/// <summary>The accounts, the group holding them all and the item they comment on, made through the admin API.</summary>
internal static class Setup
{
    public static async Task<List<BenchUser>> UsersAsync(HttpClient admin, int count, string password)
    {
        var users = new List<BenchUser>();
        foreach (var batch in Enumerable.Range(0, count).Chunk(8))
        {
            users.AddRange(await Task.WhenAll(batch.Select(async i =>
            {
                var email = string.Create(CultureInfo.InvariantCulture, $"c{i:D3}@collab.bench");
                using var created = await admin.PostAsJsonAsync(new Uri("/api/v1/admin/users", UriKind.Relative), new { email, password });
                created.EnsureSuccessStatusCode();
                var user = await created.Content.ReadFromJsonAsync<JsonElement>();
                return new BenchUser(user.GetProperty("id").GetString()!, user.GetProperty("userName").GetString()!, email);
            })));
        }

        return users;
    }

    public static async Task ItemAsync(HttpClient admin, List<BenchUser> users, string folder, string item)
    {
        using (var mkdir = await admin.PostAsJsonAsync(new Uri("/api/v1/fs" + folder, UriKind.Relative), new { action = "add_folder" }))
        {
            mkdir.EnsureSuccessStatusCode();
        }

        using (var put = await admin.PutAsync(new Uri("/api/v1/fs-content" + item, UriKind.Relative), new StringContent("the plan")))
        {
            put.EnsureSuccessStatusCode();
        }

        using var group = await admin.PostAsJsonAsync(new Uri("/api/v1/admin/groups", UriKind.Relative), new { name = "collab-bench" });
        group.EnsureSuccessStatusCode();
        var groupId = (await group.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        foreach (var batch in users.Chunk(8))
        {
            await Task.WhenAll(batch.Select(async user =>
            {
                using var member = await admin.PutAsync(new Uri($"/api/v1/admin/groups/{groupId}/members/{Uri.EscapeDataString(user.Id)}", UriKind.Relative), content: null);
                member.EnsureSuccessStatusCode();
            }));
        }

        using var grant = await admin.PutAsJsonAsync(new Uri("/api/v1/permissions" + folder, UriKind.Relative), new { group = "collab-bench", level = "Viewer" });
        grant.EnsureSuccessStatusCode();
    }
}
