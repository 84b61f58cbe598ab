using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Comments;
using Strata.Domain.Files;
using Strata.Infrastructure.Comments;
using Strata.Infrastructure.Flags;
using Strata.Web.Comments;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Comments;

/// <summary>
/// The pins over a preview, against the real comment service; what the browser draws and reports (pins.js) is
/// played here by calling the component's JS-invokable methods, and is covered for real in CommentPinTests (E2E).
/// </summary>
public sealed class PreviewPinsTests : IAsyncLifetime
{
    private const string Item = "/Private/alice/plan.png";

    private FolderViewContext _context = null!;

    private CommentService Comments => _context.App.Services.GetRequiredService<CommentService>();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        await _context.WriteAsync(Item, "not really a picture");
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_box_drawn_in_pin_mode_is_posted_with_the_text_and_its_thread_opens()
    {
        var pins = await RenderAsync(PinSurface.Picture);

        pins.Find("[data-testid=pin-mode]").Click();
        pins.Find("[data-testid=pin-hint]").TextContent.ShouldContain("Esc cancels");
        await pins.InvokeAsync(() => pins.Instance.PinDrawn(new PinDrawing(AnchorKind.Rectangle, 2, 0.25, 0.5, 0.5, 0.25)));
        pins.Find("textarea").Input("this number is wrong");
        await pins.InvokeAsync(() => pins.Find("[data-testid=pin-post]").Click());

        pins.WaitForAssertion(() => pins.Find("[data-testid=pin-thread] [data-testid=pin-comment-body]").TextContent.ShouldContain("this number is wrong"));
        var pinned = await Comments.PinnedAsync(_context.Alice, NodePath.Parse(Item), Ct);
        var anchor = pinned.Value.ShouldNotBeNull().Threads.ShouldHaveSingleItem().Root.Anchor.ShouldNotBeNull();
        (anchor.Kind, anchor.Page, anchor.X, anchor.Y, anchor.Width, anchor.Height).ShouldBe((AnchorKind.Rectangle, 2, 0.25, 0.5, 0.5, 0.25));
        pins.Find("[data-testid=pin-count]").TextContent.ShouldBe("1 pinned comment");
    }

    [Fact]
    public async Task Cancelling_pin_mode_posts_nothing_and_brings_the_button_back()
    {
        var pins = await RenderAsync(PinSurface.Picture);
        pins.Find("[data-testid=pin-mode]").Click();
        await pins.InvokeAsync(() => pins.Instance.PinDrawn(new PinDrawing(AnchorKind.Point, null, 0.5, 0.5, null, null)));
        pins.Find("textarea").Input("never sent");

        await pins.InvokeAsync(pins.Instance.CancelPin);

        pins.FindAll("[data-testid=pin-panel]").ShouldBeEmpty();
        pins.FindAll("[data-testid=pin-mode]").ShouldHaveSingleItem();
        (await Comments.PinnedAsync(_context.Alice, NodePath.Parse(Item), Ct)).Value.ShouldNotBeNull().Threads.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_video_lists_its_moments_and_a_picture_only_its_spots()
    {
        await PostAsync("on a spot", AnchorKind.Point, x: 0.1, y: 0.2);
        await PostAsync("at a moment", AnchorKind.TimeRange, start: 5, end: 12);
        (await Comments.AddAsync(_context.Alice, NodePath.Parse(Item), new NewComment("not pinned", null, null), Ct)).Succeeded.ShouldBeTrue();

        var video = await RenderAsync(PinSurface.Video);
        var picture = await RenderAsync(PinSurface.Picture);

        video.Find("[data-testid=pin-moments] [data-testid=pin]").TextContent.ShouldContain("0:05–0:12");
        video.Find("[data-testid=pin-moments]").TextContent.ShouldNotContain("on a spot");
        picture.Find("[data-testid=pin-count]").TextContent.ShouldBe("1 pinned comment");
        picture.FindAll("[data-testid=pin-moments]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Nothing_but_the_preview_shows_while_the_flag_is_off()
    {
        await _context.App.Services.GetRequiredService<FlagStore>().UpdateAsync(FlagNames.Comments, new FlagSettings(false, null, null, 0), actor: null, Ct);

        var pins = await RenderAsync(PinSurface.Picture);

        pins.FindAll("[data-testid=pin-bar]").ShouldBeEmpty();
        pins.Find("[data-testid=pin-root] [data-testid=previewed]").ShouldNotBeNull();
    }

    private async Task<IRenderedComponent<PreviewPins>> RenderAsync(PinSurface surface)
    {
        var item = await _context.Files.GetAsync(_context.Alice, NodePath.Parse(Item), Ct);
        return _context.Bunit.Render<PreviewPins>(p => p
            .Add(c => c.Item, item.Value)
            .Add(c => c.Surface, surface)
            .AddChildContent("<img data-testid=\"previewed\" />"));
    }

    private async Task PostAsync(string text, AnchorKind kind, double? x = null, double? y = null, double? start = null, double? end = null)
    {
        CommentAnchor.TryCreate(kind, null, x, y, null, null, start, end, out var anchor, out var error).ShouldBeTrue(error);
        (await Comments.AddAsync(_context.Alice, NodePath.Parse(Item), new NewComment(text, null, anchor), Ct)).Succeeded.ShouldBeTrue();
    }
}
