using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Access;
using Strata.Domain.Comments;
using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Comments;
using Strata.Infrastructure.Identity;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Comments;

/// <summary><see cref="CommentService.PinnedAsync"/>: the threads a preview draws.</summary>
public sealed class PinnedCommentsTests : IAsyncLifetime
{
    private const string Item = "/Private/alice/report.pdf";

    private FolderViewContext _context = null!;

    private CommentService Comments => _context.App.Services.GetRequiredService<CommentService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        await _context.WriteAsync(Item, "%PDF-1.4");
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Only_pinned_threads_come_oldest_first_with_their_replies()
    {
        var first = await PostAsync("first pin", Spot(page: 1));
        await PostAsync("no pin", anchor: null);
        var second = await PostAsync("second pin", Spot(page: 2));
        await PostAsync("a reply", anchor: null, parentId: first);

        var pinned = await Comments.PinnedAsync(_context.Alice, NodePath.Parse(Item), Ct);

        var page = pinned.Value.ShouldNotBeNull();
        page.Threads.Select(t => t.Root.Id).ShouldBe([first, second]);
        page.Threads[0].Replies.ShouldHaveSingleItem().Body.ShouldBe("a reply");
        page.Threads[1].Root.Anchor!.Page.ShouldBe(2);
        page.CanComment.ShouldBeTrue();
        page.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task Someone_who_cannot_see_the_file_gets_not_found()
    {
        await PostAsync("first pin", Spot(page: 1));
        using (await _context.App.CreateUserClientAsync("bob@strata.test"))
        {
        }

        using var scope = _context.App.Services.CreateScope();
        var bob = await scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>().FindByEmailAsync("bob@strata.test");

        var pinned = await Comments.PinnedAsync(new Caller(bob!.Id, bob.UserName!, IsAdmin: false), NodePath.Parse(Item), Ct);

        pinned.Status.ShouldBe(ResultStatus.NotFound);
    }

    private static CommentAnchor Spot(int page)
    {
        CommentAnchor.TryCreate(AnchorKind.Point, page, 0.5, 0.5, null, null, null, null, out var anchor, out var error).ShouldBeTrue(error);
        return anchor;
    }

    private async Task<long> PostAsync(string text, CommentAnchor? anchor, long? parentId = null)
    {
        var posted = await Comments.AddAsync(_context.Alice, NodePath.Parse(Item), new NewComment(text, parentId, anchor), Ct);
        posted.Succeeded.ShouldBeTrue(posted.Detail);
        return posted.Value.Comment.Id;
    }
}
