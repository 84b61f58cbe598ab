using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Files;
using Strata.Infrastructure.Comments;
using Strata.Infrastructure.Flags;
using Strata.Web.Comments;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Comments;

/// <summary>The Comments section of the details drawer, against the real comment service.</summary>
public sealed class CommentsPanelTests : IAsyncLifetime
{
    private const string Item = "/Private/alice/notes.txt";

    /// <summary>The feed polls every 200 ms; the bound leaves room for a busy CI machine.</summary>
    private static readonly TimeSpan LiveUpdate = TimeSpan.FromSeconds(5);

    private FolderViewContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        await _context.WriteAsync(Item, "notes");
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Posting_shows_the_comment_rendered_safely_and_reacting_and_deleting_work()
    {
        var panel = _context.Bunit.Render<CommentsPanel>(p => p.Add(c => c.ItemPath, Item));

        panel.Find("textarea").Input("**hello** <script>alert(1)</script>");
        await ClickAsync(panel, "[data-testid=comment-post]");

        panel.WaitForAssertion(() => panel.FindAll("[data-testid=comment]").Count.ShouldBe(1));
        var body = panel.Find("[data-testid=comment-body]");
        body.InnerHtml.ShouldContain("<strong>hello</strong>");
        body.QuerySelectorAll("script").ShouldBeEmpty();
        await ClickAsync(panel, "[data-testid=comment-react]");
        panel.WaitForAssertion(() => panel.Find("[data-testid=comment-reaction]").TextContent.ShouldContain("👍 1"));
        await ClickAsync(panel, "[data-testid=comment-delete]");
        panel.WaitForAssertion(() => panel.FindAll("[data-testid=comment]").ShouldBeEmpty());
    }

    [Fact]
    public async Task A_long_thread_shows_its_newest_replies_and_the_older_ones_on_request()
    {
        var comments = _context.App.Services.GetRequiredService<CommentService>();
        var ct = Xunit.TestContext.Current.CancellationToken;
        var root = await comments.AddAsync(_context.Alice, NodePath.Parse(Item), new NewComment("question", null, null), ct);
        for (var i = 1; i <= CommentService.RepliesShown + 3; i++)
        {
            await comments.AddAsync(_context.Alice, NodePath.Parse(Item), new NewComment($"reply {i}", root.Value!.Comment.Id, null), ct);
        }

        var panel = _context.Bunit.Render<CommentsPanel>(p => p.Add(c => c.ItemPath, Item));

        panel.WaitForAssertion(() => panel.Find("[data-testid=comment-earlier-replies]").TextContent.Trim().ShouldBe("Show 3 earlier replies"));
        panel.FindAll("[data-testid=comment-body]").Count.ShouldBe(1 + CommentService.RepliesShown);
        panel.Find("[data-testid=comment-earlier-replies]").Click();
        panel.WaitForAssertion(() => panel.FindAll("[data-testid=comment-body]").Count.ShouldBe(1 + CommentService.RepliesShown + 3));
        panel.FindAll("[data-testid=comment-earlier-replies]").ShouldBeEmpty();
        panel.FindAll("[data-testid=comment-body]")[1].TextContent.Trim().ShouldBe("reply 1");
    }

    [Fact]
    public async Task Replies_show_under_their_thread_and_resolving_marks_it()
    {
        var root = await _context.App.Services.GetRequiredService<CommentService>()
            .AddAsync(_context.Alice, NodePath.Parse(Item), new NewComment("question", null, null), Xunit.TestContext.Current.CancellationToken);
        var panel = _context.Bunit.Render<CommentsPanel>(p => p.Add(c => c.ItemPath, Item));

        panel.Find("[data-testid=comment-reply]").Click();
        panel.Find("textarea").Input("answer");
        await ClickAsync(panel, "[data-testid=comment-post]");
        panel.WaitForAssertion(() => panel.FindAll("[data-testid=comment-thread] [data-testid=comment]").Count.ShouldBe(2));
        await ClickAsync(panel, "[data-testid=comment-resolve]");

        panel.WaitForAssertion(() => panel.Find("[data-testid=comment-thread]").GetAttribute("data-resolved").ShouldBe("yes"));
        panel.FindAll("[data-testid=comment-thread]").Count.ShouldBe(1);
        root.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Typing_an_at_sign_offers_people_who_can_see_the_item()
    {
        var box = _context.Bunit.JSInterop.SetupModule("./js/listing.js").SetupVoid("setDraft", _ => true);
        var panel = _context.Bunit.Render<CommentsPanel>(p => p.Add(c => c.ItemPath, Item));

        panel.Find("textarea").Input("thanks @al");

        panel.WaitForAssertion(() => panel.FindAll("[data-testid=mention-candidate]").Select(c => c.TextContent.Trim()).ShouldBe(["alice"]));
        panel.Find("[data-testid=mention-candidate]").Click();
        // The box's text is the browser's; the server writes it only when it changes it, as here.
        panel.WaitForAssertion(() => box.Invocations.ShouldHaveSingleItem().Arguments[1].ShouldBe("thanks @alice "));
    }

    [Fact]
    public async Task The_section_is_hidden_while_the_flag_is_off()
    {
        await _context.App.Services.GetRequiredService<FlagStore>().UpdateAsync(FlagNames.Comments, new FlagSettings(false, null, null, 0), actor: null, Xunit.TestContext.Current.CancellationToken);

        var panel = _context.Bunit.Render<CommentsPanel>(p => p.Add(c => c.ItemPath, Item));

        panel.FindAll("[data-testid=comments]").ShouldBeEmpty();
    }

    [Fact]
    public async Task What_another_tab_does_to_the_items_comments_shows_in_an_open_panel_without_a_reload()
    {
        var comments = _context.App.Services.GetRequiredService<CommentService>();
        var item = NodePath.Parse(Item);
        var ct = Xunit.TestContext.Current.CancellationToken;
        var panel = _context.Bunit.Render<CommentsPanel>(p => p.Add(c => c.ItemPath, Item));
        panel.FindAll("[data-testid=comment]").ShouldBeEmpty();

        var added = await comments.AddAsync(_context.Alice, item, new NewComment("from the other tab", null, null), ct);
        panel.WaitForAssertion(() => panel.Find("[data-testid=comment-body]").TextContent.ShouldContain("from the other tab"), LiveUpdate);
        var id = added.Value!.Comment.Id;
        (await comments.ReactAsync(_context.Alice, id, "🎉", add: true, ct)).Succeeded.ShouldBeTrue();
        panel.WaitForAssertion(() => panel.Find("[data-testid=comment-reaction]").TextContent.ShouldContain("🎉 1"), LiveUpdate);
        (await comments.SetResolvedAsync(_context.Alice, id, resolved: true, ct)).Succeeded.ShouldBeTrue();
        panel.WaitForAssertion(() => panel.Find("[data-testid=comment-thread]").GetAttribute("data-resolved").ShouldBe("yes"), LiveUpdate);
        (await comments.EditAsync(_context.Alice, id, "said again", ct)).Succeeded.ShouldBeTrue();
        panel.WaitForAssertion(() => panel.Find("[data-testid=comment-body]").TextContent.ShouldContain("said again"), LiveUpdate);
        (await comments.DeleteAsync(_context.Alice, id, ct)).Succeeded.ShouldBeTrue();
        panel.WaitForAssertion(() => panel.FindAll("[data-testid=comment-body]").ShouldBeEmpty(), LiveUpdate);
    }

    /// <summary>
    /// Finds and clicks the first match in one turn of the renderer: the panel re-renders on its own when the live feed
    /// announces the change just made, and a click on an element found before that render finds its handler gone.
    /// </summary>
    private static Task ClickAsync(IRenderedComponent<CommentsPanel> panel, string selector) =>
        panel.InvokeAsync(() => panel.Find(selector).Click());
}
