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

        var quiet = await _counter.DuringAsync(() => ListAsync("/Shared/Team/quiet.txt"));
        var busy = await _counter.DuringAsync(() => ListAsync("/Shared/Team/busy.txt"));

        busy.Count.ShouldBe(quiet.Count, string.Join("\n", busy));
    }

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
