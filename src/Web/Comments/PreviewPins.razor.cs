using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.FeatureManagement;
using Microsoft.JSInterop;
using Strata.Domain.Access;
using Strata.Domain.Comments;
using Strata.Domain.Files;
using Strata.Infrastructure.Comments;
using Strata.Infrastructure.Flags;
using Strata.Web.Flags;
using Strata.Web.Identity;

namespace Strata.Web.Comments;

public sealed partial class PreviewPins : IAsyncDisposable
{
    private const string ComposeLabel = "Comment (Markdown, @name to mention)";

    private bool _enabled;
    private Caller? _caller;
    private NodePath? _path;
    private List<CommentThread> _threads = [];
    private bool _canComment;
    private PinMode _mode;
    private CommentAnchor? _draft;
    private string? _text;
    private CommentThread? _open;
    private string? _notice;
    private ElementReference _root;
    private IJSObjectReference? _module;
    private DotNetObjectReference<PreviewPins>? _self;

    private enum PinMode
    {
        Off,

        /// <summary>The next press on the picture pins a spot, a drag a box.</summary>
        Draw,

        /// <summary>Where is chosen; the comment is being written.</summary>
        Compose,
    }

    [Inject]
    private CommentService Comments { get; set; } = default!;

    [Inject]
    private IFeatureManager Features { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The file previewed.</summary>
    [Parameter, EditorRequired]
    public NodeInfo Item { get; set; } = default!;

    /// <summary>What the preview shows pins on; <see cref="PinSurface.None"/> shows only the content.</summary>
    [Parameter]
    public PinSurface Surface { get; set; }

    /// <summary>The preview itself.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>The mode as pins.js reads it from the page, so that it acts on what the page shows.</summary>
    private string ModeName => _mode switch
    {
        PinMode.Draw => "draw",
        PinMode.Compose => "compose",
        _ => "off",
    };

    private IEnumerable<(CommentThread Thread, int Number)> Numbered => _threads.Select((t, i) => (t, i + 1));

    private string PinCount => _threads.Count == 1 ? "1 pinned comment" : string.Create(CultureInfo.CurrentCulture, $"{_threads.Count} pinned comments");

    protected override async Task OnParametersSetAsync()
    {
        if (!NodePath.TryParse(Item.Path, out var path, out _) || path.Equals(_path))
        {
            return;
        }

        var user = (await AuthenticationState).User;
        _caller = user.ToCaller();
        _path = path;
        _enabled = Surface != PinSurface.None && await Features.IsEnabledAsync(FlagNames.Comments, UserTargetingContext.For(user));
        if (_enabled)
        {
            await LoadAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_enabled)
        {
            return;
        }

        if (_module is null)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/listing.js");
            _self = DotNetObjectReference.Create(this);
            await _module.InvokeVoidAsync("attachPins", _root, _self);
        }

        // The pins are drawn by the script over pictures it may still be loading; it keeps them as pages arrive.
        var pins = Surface == PinSurface.Picture ? Numbered.Select(n => PinView.Of(n.Thread, n.Number)).ToList() : [];
        await _module.InvokeVoidAsync("showPins", _root, pins, _open?.Root.Id);
    }

    /// <summary>A pin clicked on the picture: its thread opens beside it.</summary>
    [JSInvokable]
    public void OpenPin(long id)
    {
        _open = _threads.FirstOrDefault(t => t.Root.Id == id);
        StateHasChanged();
    }

    /// <summary>A spot or box drawn in pin mode: the comment is written next.</summary>
    [JSInvokable]
    public void PinDrawn(PinDrawing drawing)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        if (_mode != PinMode.Draw)
        {
            return;
        }

        if (drawing.TryGetAnchor(out var anchor, out var error))
        {
            (_draft, _mode, _open, _notice) = (anchor, PinMode.Compose, null, null);
        }
        else
        {
            (_mode, _notice) = (PinMode.Off, error);
        }

        StateHasChanged();
    }

    /// <summary>Escape, or Cancel: no pin is made.</summary>
    [JSInvokable]
    public void CancelPin()
    {
        (_mode, _draft, _text) = (PinMode.Off, null, null);
        StateHasChanged();
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("detachPins", _root);
                await _module.DisposeAsync();
            }
            catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException)
            {
                // The circuit is gone or going, and the page with it.
            }
        }

        _self?.Dispose();
    }

    private async Task LoadAsync()
    {
        var pinned = await Comments.PinnedAsync(_caller!, _path!, CancellationToken.None);
        if (!pinned.Succeeded)
        {
            // Someone who cannot see comments here (an area of the namespace) previews without pins.
            (_threads, _canComment) = ([], false);
            return;
        }

        // A picture shows spots and boxes, a video its moments; a pin of the other kind has nowhere to go here.
        var moments = Surface == PinSurface.Video;
        (_threads, _canComment) = (pinned.Value.Threads.Where(t => (t.Root.Anchor?.Kind == AnchorKind.TimeRange) == moments).ToList(), pinned.Value.CanComment);
        _open = _open is null ? null : _threads.FirstOrDefault(t => t.Root.Id == _open.Root.Id);
    }

    /// <summary>Pin mode: on a picture the next press chooses the spot; on a video the moment playing is taken.</summary>
    private async Task StartAsync()
    {
        (_open, _notice, _text) = (null, null, null);
        if (Surface != PinSurface.Video)
        {
            _mode = PinMode.Draw;
            return;
        }

        var now = await VideoTimeAsync();
        _draft = Moment(now, now);
        _mode = PinMode.Compose;
    }

    /// <summary>Moves the start or the end of the video's range to the moment playing.</summary>
    private async Task MarkAsync(bool start)
    {
        var now = await VideoTimeAsync();
        var (from, to) = (_draft?.Start ?? now, _draft?.End ?? now);
        _draft = start ? Moment(now, Math.Max(now, to)) : Moment(Math.Min(from, now), now);
    }

    private async Task<double> VideoTimeAsync() => _module is null ? 0 : await _module.InvokeAsync<double>("videoTime", _root);

    private static CommentAnchor? Moment(double start, double end) =>
        CommentAnchor.TryCreate(AnchorKind.TimeRange, null, null, null, null, null, Math.Round(start, 2), Math.Round(end, 2), out var anchor, out _) ? anchor : null;

    private async Task PostAsync()
    {
        if (_draft is null)
        {
            return; // Ctrl+Enter before a video range is marked: the Post button is disabled then too
        }

        var posted = await Comments.AddAsync(_caller!, _path!, new NewComment(_text, ParentId: null, _draft), CancellationToken.None);
        if (!posted.Succeeded)
        {
            _notice = posted.Detail;
            return;
        }

        _notice = posted.Value.UnreachableMentions.Count == 0 ? null
            : $"Not notified, they cannot see this item: {string.Join(", ", posted.Value.UnreachableMentions)}.";
        (_mode, _draft, _text) = (PinMode.Off, null, null);
        await LoadAsync();
        _open = _threads.FirstOrDefault(t => t.Root.Id == posted.Value.Comment.Id);
    }

    private async Task OpenMomentAsync(CommentThread thread)
    {
        _open = thread;
        if (_module is not null && thread.Root.Anchor?.Start is { } start)
        {
            await _module.InvokeVoidAsync("seekVideo", _root, start);
        }
    }

    private void Close() => _open = null;

    private int NumberOf(CommentThread thread) => _threads.IndexOf(thread) + 1;

    private static AnchorView AnchorView(CommentAnchor anchor) =>
        new(anchor.Kind, anchor.Page, anchor.X, anchor.Y, anchor.Width, anchor.Height, anchor.Start, anchor.End);

    private static string Excerpt(CommentView comment) => comment.Deleted ? "(deleted)" : CommentText.Excerpt(comment.Body);

    private static string PinText(AnchorView pin) => pin.Kind switch
    {
        AnchorKind.TimeRange => string.Create(CultureInfo.CurrentCulture, $"{TimeSpan.FromSeconds(pin.Start ?? 0):m\\:ss}–{TimeSpan.FromSeconds(pin.End ?? 0):m\\:ss}"),
        AnchorKind.Rectangle => pin.Page is { } page ? $"a box on page {page}" : "a box",
        _ => pin.Page is { } spot ? $"a spot on page {spot}" : "a spot",
    };

    /// <summary>A pin as pins.js draws it.</summary>
    private sealed record PinView(long Id, int Number, string Kind, int? Page, double? X, double? Y, double? Width, double? Height, bool Resolved, string Label)
    {
        public static PinView Of(CommentThread thread, int number)
        {
            var root = thread.Root;
            var pin = root.Anchor!;
            return new PinView(root.Id, number, pin.Kind.ToString(), pin.Page, pin.X, pin.Y, pin.Width, pin.Height, root.ResolvedAt is not null, Excerpt(root));
        }
    }
}
