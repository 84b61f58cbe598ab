using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Comments;
using Strata.Domain.Files;
using Strata.Infrastructure.Persistence;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Comments;

/// <summary>
/// The first page of an item with 1,000 threads costs the same number of SQL commands as that of an item with 3, however
/// many replies and reactions the page holds: nothing is read per comment.
/// </summary>
public sealed class CommentQueryBoundTests : IAsyncLifetime
{
    private readonly StrataAppFactory _app = new();
    private readonly SqlCommandCounter _counter;
    private HttpClient _alice = null!;

    public CommentQueryBoundTests() => _counter = SqlCommandCounter.AttachTo(_app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _alice = await _app.CreateUserClientAsync("alice@strata.test");
        using var bob = await _app.CreateUserClientAsync("bob@strata.test");
        using (var admin = await _app.CreateAdminClientAsync())
        {
            (await admin.MkdirAsync("/Shared/Team")).EnsureSuccessStatusCode();
        }

        (await _alice.PutTextAsync("/Shared/Team/busy.txt", "x")).EnsureSuccessStatusCode();
        (await _alice.PutTextAsync("/Shared/Team/quiet.txt", "x")).EnsureSuccessStatusCode();
        var ids = new[] { await _alice.UserIdAsync(), await bob.UserIdAsync() };
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrataDbContext>();
        await SeedAsync(db, "/Shared/Team/busy.txt", threads: 1000, ids);
        await SeedAsync(db, "/Shared/Team/quiet.txt", threads: 3, ids);
        (await _alice.PutTextAsync("/Shared/Team/long.txt", "x")).EnsureSuccessStatusCode();
        var root = await _alice.CommentIdAsync("/Shared/Team/long.txt", "the root");
        var node = await db.Nodes.FindLive(NodePath.Parse("/Shared/Team/long.txt")).SingleAsync(Ct);
        db.Comments.AddRange(Enumerable.Range(1, 45).Select(i => new Comment { NodeId = node.Id, ParentId = root, AuthorId = ids[i % 2], Body = $"reply {i}" }));
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _alice.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_page_of_a_thousand_threads_costs_what_a_page_of_three_does()
    {
        await ListAsync("/Shared/Team/quiet.txt"); // warms the caches of rights and sign-in
        await ListAsync("/Shared/Team/busy.txt");

        var quiet = await _counter.WorkDuringAsync(() => ListAsync("/Shared/Team/quiet.txt"));
        var busy = await _counter.WorkDuringAsync(() => ListAsync("/Shared/Team/busy.txt"));

        busy.Count.ShouldBe(quiet.Count, string.Join("\n", busy));
    }

    [Fact]
    public async Task A_long_thread_carries_its_newest_replies_and_the_older_ones_come_a_page_at_a_time()
    {
        var thread = (await _alice.ThreadsAsync("/Shared/Team/long.txt"))[0];
        var root = thread.GetProperty("root").GetProperty("id").GetInt64();

        Bodies(thread.GetProperty("replies")).ShouldBe(Enumerable.Range(26, 20).Select(i => $"reply {i}"));
        thread.GetProperty("earlierReplies").GetInt32().ShouldBe(25);
        var older = await _alice.GetFromJsonAsync<System.Text.Json.JsonElement>(
            CommentsClient.Comment(root, $"/replies?before={thread.GetProperty("replies")[0].GetProperty("id").GetInt64()}"), Ct);
        Bodies(older.GetProperty("replies")).ShouldBe(Enumerable.Range(6, 20).Select(i => $"reply {i}"));
        older.GetProperty("earlierReplies").GetInt32().ShouldBe(5);
        var oldest = await _alice.GetFromJsonAsync<System.Text.Json.JsonElement>(
            CommentsClient.Comment(root, $"/replies?before={older.GetProperty("replies")[0].GetProperty("id").GetInt64()}"), Ct);
        (Bodies(oldest.GetProperty("replies")).Count, oldest.GetProperty("earlierReplies").GetInt32()).ShouldBe((5, 0));
        var ofReply = await _alice.GetAsync(CommentsClient.Comment(oldest.GetProperty("replies")[0].GetProperty("id").GetInt64(), "/replies"), Ct);
        ofReply.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
    }

    private static List<string?> Bodies(System.Text.Json.JsonElement replies) =>
        replies.EnumerateArray().Select(r => r.GetProperty("body").GetString()).ToList();

    private async Task ListAsync(string path)
    {
        using var response = await _alice.GetAsync(CommentsClient.Comments(path + "?limit=50"), Ct);
        response.EnsureSuccessStatusCode();
        var page = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        page.GetProperty("threads")[0].GetProperty("replies").GetArrayLength().ShouldBe(2);
    }

    private static async Task SeedAsync(StrataDbContext db, string path, int threads, string[] users)
    {
        var node = await db.Nodes.FindLive(NodePath.Parse(path)).SingleAsync(Ct);
        var roots = Enumerable.Range(0, threads).Select(i => new Comment { NodeId = node.Id, AuthorId = users[i % 2], Body = $"thread {i}" }).ToList();
        db.Comments.AddRange(roots);
        await db.SaveChangesAsync(Ct);
        db.Comments.AddRange(roots.SelectMany(r => users.Select(u => new Comment { NodeId = node.Id, ParentId = r.Id, AuthorId = u, Body = "reply" })));
        db.CommentReactions.AddRange(roots.SelectMany(r => users.Select(u => new CommentReaction { CommentId = r.Id, UserId = u, Emoji = "👍" })));
        await db.SaveChangesAsync(Ct);
    }
}
