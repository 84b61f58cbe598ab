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

    private FolderViewContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        await _context.WriteAsync(Item, "notes");
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void Posting_shows_the_comment_rendered_safely_and_reacting_and_deleting_work()
    {
        var panel = _context.Bunit.Render<CommentsPanel>(p => p.Add(c => c.ItemPath, Item));

        panel.Find("textarea").Input("**hello** <script>alert(1)</script>");
        panel.Find("[data-testid=comment-post]").Click();

        panel.WaitForAssertion(() => panel.FindAll("[data-testid=comment]").Count.ShouldBe(1));
        var body = panel.Find("[data-testid=comment-body]");
        body.InnerHtml.ShouldContain("<strong>hello</strong>");
        body.QuerySelectorAll("script").ShouldBeEmpty();
        panel.FindAll("[data-testid=comment-react]")[0].Click();
        panel.WaitForAssertion(() => panel.Find("[data-testid=comment-reaction]").TextContent.ShouldContain("👍 1"));
        panel.Find("[data-testid=comment-delete]").Click();
        panel.WaitForAssertion(() => panel.FindAll("[data-testid=comment]").ShouldBeEmpty());
    }

    [Fact]
    public async Task Replies_show_under_their_thread_and_resolving_marks_it()
    {
        var root = await _context.App.Services.GetRequiredService<CommentService>()
            .AddAsync(_context.Alice, NodePath.Parse(Item), new NewComment("question", null, null), Xunit.TestContext.Current.CancellationToken);
        var panel = _context.Bunit.Render<CommentsPanel>(p => p.Add(c => c.ItemPath, Item));

        panel.Find("[data-testid=comment-reply]").Click();
        panel.Find("textarea").Input("answer");
        panel.Find("[data-testid=comment-post]").Click();
        panel.WaitForAssertion(() => panel.FindAll("[data-testid=comment-thread] [data-testid=comment]").Count.ShouldBe(2));
        panel.Find("[data-testid=comment-resolve]").Click();

        panel.WaitForAssertion(() => panel.Find("[data-testid=comment-thread]").GetAttribute("data-resolved").ShouldBe("yes"));
        panel.FindAll("[data-testid=comment-thread]").Count.ShouldBe(1);
        root.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Typing_an_at_sign_offers_people_who_can_see_the_item()
    {
        var panel = _context.Bunit.Render<CommentsPanel>(p => p.Add(c => c.ItemPath, Item));

        panel.Find("textarea").Input("thanks @al");

        panel.WaitForAssertion(() => panel.FindAll("[data-testid=mention-candidate]").Select(c => c.TextContent.Trim()).ShouldBe(["alice"]));
        panel.Find("[data-testid=mention-candidate]").Click();
        panel.WaitForAssertion(() => panel.Find("textarea").GetAttribute("value").ShouldBe("thanks @alice "));
    }

    [Fact]
    public async Task The_section_is_hidden_while_the_flag_is_off()
    {
        await _context.App.Services.GetRequiredService<FlagStore>().UpdateAsync(FlagNames.Comments, new FlagSettings(false, null, null, 0), actor: null, Xunit.TestContext.Current.CancellationToken);

        var panel = _context.Bunit.Render<CommentsPanel>(p => p.Add(c => c.ItemPath, Item));

        panel.FindAll("[data-testid=comments]").ShouldBeEmpty();
    }
}
