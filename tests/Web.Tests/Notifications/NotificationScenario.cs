using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Persistence;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Notifications;

/// <summary>
/// The team host where alice owns <c>/Shared/Team</c> and bob may view it, and carol has no access. Events of the
/// other collaboration features are written to the journal directly, with the contract's types and details.
/// </summary>
public abstract class NotificationScenario : TeamScenario
{
    protected const string Report = Team + "/report.txt";
    private static readonly Uri Notifications = new("/api/v1/notifications?limit=100", UriKind.Relative);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    protected HttpClient Admin { get; private set; } = null!;

    protected HttpClient Carol { get; private set; } = null!;

    protected string AliceId { get; private set; } = null!;

    protected string BobId { get; private set; } = null!;

    protected string CarolId { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = await App.CreateAdminClientAsync();
        Carol = await App.CreateUserClientAsync("carol@strata.test");
        await Admin.GrantUserAsync(Team, "alice", "Owner");
        await Admin.GrantUserAsync(Team, "bob", "Viewer");
        (await Alice.PutTextAsync(Report, "numbers")).EnsureSuccessStatusCode();
        AliceId = await Alice.UserIdAsync();
        BobId = await Bob.UserIdAsync();
        CarolId = await Carol.UserIdAsync();
    }

    public override ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Carol.Dispose();
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    /// <summary>Appends an event about the item at <paramref name="path"/>, as the other features write theirs.</summary>
    protected async Task WriteEventAsync(string type, string path, string? actorId, Dictionary<string, string>? details = null) =>
        await WriteEventAsync(type, path, await NodeIdAsync(path), actorId, details);

    /// <summary>Appends an event about node <paramref name="nodeId"/> (which may since have been trashed).</summary>
    protected async Task WriteEventAsync(string type, string path, long nodeId, string? actorId, Dictionary<string, string>? details = null)
    {
        await using var db = await DbAsync();
        var change = new JournalEvent
        {
            Type = type,
            NodeId = nodeId,
            Path = path,
            PathKey = NodePath.Parse(path).Key,
            ActorId = actorId,
            At = DateTimeOffset.UtcNow,
            Details = details is null ? null : JsonSerializer.Serialize(details),
        };
        db.Journal.Add(change);
        await db.SaveChangesAsync(Ct);
    }

    protected async Task<long> NodeIdAsync(string path)
    {
        await using var db = await DbAsync();
        return await db.Nodes.FindLive(NodePath.Parse(path)).Select(n => n.Id).FirstAsync(Ct);
    }

    private Task<StrataDbContext> DbAsync() => App.Services.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct);

    protected static async Task<JsonElement> PageAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>(Notifications, Ct);

    protected static async Task<List<JsonElement>> ListAsync(HttpClient client) =>
        (await PageAsync(client)).GetProperty("items").EnumerateArray().ToList();

    /// <summary>Waits for the client's first notification of <paramref name="kind"/> at <paramref name="path"/>.</summary>
    protected static async Task<JsonElement> WaitForAsync(HttpClient client, string kind, string path)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var found = (await ListAsync(client)).FirstOrDefault(n => n.GetProperty("kind").GetString() == kind && n.GetProperty("path").GetString() == path);
            if (found.ValueKind != JsonValueKind.Undefined)
            {
                return found;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"no {kind} notification for {path}");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>
    /// Proves the follower is past everything written so far: mentions the user on a fresh file and waits for it.
    /// The follower handles events in order, so what an earlier event would have notified is there by then.
    /// </summary>
    protected async Task CatchUpAsync(HttpClient client, string userId)
    {
        var me = await client.GetJsonAsync(new Uri("/api/v1/me", UriKind.Relative));
        var marker = $"/Private/{me.GetProperty("userName").GetString()}/marker-{Guid.NewGuid():N}.txt";
        (await client.PutTextAsync(marker, "x")).EnsureSuccessStatusCode();
        await WriteEventAsync("CommentAdded", marker, actorId: null, new() { ["mentions"] = userId, ["commentId"] = "0", ["threadId"] = "0" });
        await WaitForAsync(client, "mention", marker);
    }

    protected static async Task<List<JsonElement>> AboutAsync(HttpClient client, string path) =>
        (await ListAsync(client)).Where(n => n.GetProperty("path").GetString() == path).ToList();
}
