using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.FeatureManagement;
using Strata.Domain.Access;
using Strata.Domain.Comments;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Comments;
using Strata.Infrastructure.Flags;
using Strata.Web.Flags;
using Strata.Web.Identity;
using Strata.Web.Live;

namespace Strata.Web.Comments;

/// <remarks>
/// Live: the panel listens to its item's folder feed for comment events on the item and reads its threads again
/// through <see cref="CommentService"/>, so what it shows follows the caller's rights, never the event.
/// </remarks>
public sealed partial class CommentsPanel : IDisposable
{
    private const int PageSize = 20;

    private static readonly string[] QuickReactions = ["👍", "🎉", "❤️"];

    private static readonly HashSet<string> CommentEvents = new(
        new[]
        {
            JournalEventType.CommentAdded, JournalEventType.CommentEdited, JournalEventType.CommentDeleted,
            JournalEventType.CommentResolved, JournalEventType.CommentReopened, JournalEventType.CommentReacted,
        }.Select(type => type.ToString()),
        StringComparer.Ordinal);

    private readonly CancellationTokenSource _lifetime = new();
    private IDisposable? _subscription;

    /// <summary>Counts reads of the threads, so a slower, older read never replaces a newer one.</summary>
    private long _reads;

    private bool _enabled;
    private Caller? _caller;
    private NodePath? _path;
    private List<CommentThread> _threads = [];
    private bool _more;
    private string? _cursor;
    private bool _canComment;
    private string? _problem;
    private string? _notice;
    private string _draft = string.Empty;
    private long? _replyTo;
    private long? _editing;
    private IReadOnlyList<MentionCandidate> _candidates = [];

    [Inject]
    private CommentService Comments { get; set; } = default!;

    [Inject]
    private IFeatureManager Features { get; set; } = default!;

    [Inject]
    private JournalBroadcaster Live { get; set; } = default!;

    [Inject]
    private ILogger<CommentsPanel> Logger { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The item whose comments are shown.</summary>
    [Parameter]
    public string? ItemPath { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (!NodePath.TryParse(ItemPath, out var path, out _) || path.Equals(_path))
        {
            return;
        }

        var user = (await AuthenticationState).User;
        _caller = user.ToCaller();
        _enabled = await Features.IsEnabledAsync(FlagNames.Comments, UserTargetingContext.For(user));
        _path = path;
        (_threads, _cursor, _more, _replyTo, _editing, _draft, _notice) = ([], null, false, null, null, string.Empty, null);
        _subscription?.Dispose();
        _subscription = null;
        if (_enabled)
        {
            // Subscribed before the first read: a change after it is either in the read or announced.
            await FollowAsync(user, path);
            await LoadMoreAsync();
        }
    }

    private async Task FollowAsync(System.Security.Claims.ClaimsPrincipal user, NodePath path)
    {
        if (path.IsRoot || !FolderFeed.IsFeedFolder(path.Parent))
        {
            return;
        }

        _subscription = await Live.SubscribeAsync(
            FolderFeed.GroupOf(path.Parent),
            Listener.Of(user),
            change => CommentEvents.Contains(change.Type) && change.PathKey == path.Key,
            () =>
            {
                // The feed waits for its handlers: read again off its loop.
                _ = RefreshLiveAsync();
                return Task.CompletedTask;
            },
            _lifetime.Token);
    }

    private async Task RefreshLiveAsync()
    {
        try
        {
            await InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            });
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
        {
            // The panel closed meanwhile.
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "The comments panel failed to show a live change.");
        }
    }

    private async Task LoadMoreAsync()
    {
        var read = ++_reads;
        var page = await Comments.ListAsync(_caller!, _path!, newestFirst: true, PageSize, _cursor, _lifetime.Token);
        if (read != _reads)
        {
            return;
        }

        if (!page.Succeeded)
        {
            _problem = page.Detail;
            return;
        }

        _problem = null;
        _threads.AddRange(page.Value.Threads);
        (_cursor, _more, _canComment) = (page.Value.NextCursor, page.Value.NextCursor is not null, page.Value.CanComment);
    }

    /// <summary>Puts the thread's next older replies above the ones it shows.</summary>
    private async Task LoadEarlierRepliesAsync(CommentThread thread)
    {
        var oldest = thread.Replies.Count > 0 ? thread.Replies[0].Id : long.MaxValue;
        var page = await Comments.EarlierRepliesAsync(_caller!, thread.Root.Id, oldest, _lifetime.Token);
        var index = _threads.IndexOf(thread);
        if (!page.Succeeded)
        {
            _problem = page.Detail;
            return;
        }

        if (index >= 0)
        {
            _threads[index] = thread with { Replies = [.. page.Value.Replies, .. thread.Replies], EarlierReplies = page.Value.EarlierReplies };
        }
    }

    /// <summary>Reads as many threads as are shown again, at once, so a live change keeps the older ones loaded.</summary>
    private async Task ReloadAsync()
    {
        var read = ++_reads;
        var shown = Math.Clamp(_threads.Count, PageSize, CommentService.MaxPageSize);
        var page = await Comments.ListAsync(_caller!, _path!, newestFirst: true, shown, cursor: null, _lifetime.Token);
        if (read != _reads)
        {
            return;
        }

        if (!page.Succeeded)
        {
            _problem = page.Detail;
            return;
        }

        _problem = null;
        (_threads, _cursor, _more, _canComment) = (page.Value.Threads.ToList(), page.Value.NextCursor, page.Value.NextCursor is not null, page.Value.CanComment);
    }

    private async Task SubmitAsync()
    {
        var result = _editing is { } id
            ? await Comments.EditAsync(_caller!, id, _draft, CancellationToken.None)
            : await Comments.AddAsync(_caller!, _path!, new NewComment(_draft, _replyTo, Anchor: null), CancellationToken.None);
        if (!result.Succeeded)
        {
            _notice = result.Detail;
            return;
        }

        _notice = result.Value.UnreachableMentions.Count == 0 ? null
            : $"Not notified, they cannot see this item: {string.Join(", ", result.Value.UnreachableMentions)}."
              + (result.Value.CanShare ? " Share the folder with them (Viewer) to let them in." : string.Empty);
        (_draft, _replyTo, _editing, _candidates) = (string.Empty, null, null, []);
        await ReloadAsync();
    }

    private async Task DeleteAsync(CommentView comment)
    {
        var result = await Comments.DeleteAsync(_caller!, comment.Id, CancellationToken.None);
        _notice = result.Succeeded ? null : result.Detail;
        await ReloadAsync();
    }

    private async Task SetResolvedAsync(CommentView root, bool resolved)
    {
        var result = await Comments.SetResolvedAsync(_caller!, root.Id, resolved, CancellationToken.None);
        _notice = result.Succeeded ? null : result.Detail;
        await ReloadAsync();
    }

    private async Task ReactAsync(CommentView comment, string emoji)
    {
        var mine = comment.Reactions.Any(r => r.Emoji == emoji && r.Mine);
        var result = await Comments.ReactAsync(_caller!, comment.Id, emoji, add: !mine, CancellationToken.None);
        _notice = result.Succeeded ? null : result.Detail;
        await ReloadAsync();
    }

    private void StartReply(long? rootId) => (_replyTo, _editing) = (rootId, null);

    private void StartEdit(CommentView comment) => (_editing, _replyTo, _draft) = (comment.Id, null, comment.Body);

    private void CancelEdit() => (_editing, _draft) = (null, string.Empty);

    /// <summary>Offers people to mention while the word being typed starts with @.</summary>
    private async Task DraftChangedAsync()
    {
        var typing = MentionBeingTyped().Match(_draft);
        _candidates = typing.Success
            && await Comments.MentionCandidatesAsync(_caller!, _path!, typing.Groups["prefix"].Value, 10, CancellationToken.None) is { Succeeded: true } found
            ? found.Value
            : [];
    }

    private void Mention(MentionCandidate person)
    {
        _draft = MentionBeingTyped().Replace(_draft, "@" + person.UserName + " ");
        _candidates = [];
    }

    private static string PinText(AnchorView pin) => pin.Kind switch
    {
        AnchorKind.TimeRange => string.Create(CultureInfo.CurrentCulture, $"{TimeSpan.FromSeconds(pin.Start ?? 0):m\\:ss}–{TimeSpan.FromSeconds(pin.End ?? 0):m\\:ss}"),
        _ => (pin.Page is { } page ? $"page {page}, " : string.Empty) + string.Create(CultureInfo.CurrentCulture, $"{pin.X:P0} × {pin.Y:P0}"),
    };

    public void Dispose()
    {
        _subscription?.Dispose();
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    [GeneratedRegex(@"(?<![\w@.])@\[?(?<prefix>[\w.\-]*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MentionBeingTyped();
}
