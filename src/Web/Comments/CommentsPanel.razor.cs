using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.FeatureManagement;
using Strata.Domain.Access;
using Strata.Domain.Comments;
using Strata.Domain.Files;
using Strata.Infrastructure.Comments;
using Strata.Infrastructure.Flags;
using Strata.Web.Flags;
using Strata.Web.Identity;

namespace Strata.Web.Comments;

public sealed partial class CommentsPanel
{
    private const int PageSize = 20;

    private static readonly string[] QuickReactions = ["👍", "🎉", "❤️"];

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
        if (_enabled)
        {
            await LoadMoreAsync();
        }
    }

    private async Task LoadMoreAsync()
    {
        var page = await Comments.ListAsync(_caller!, _path!, newestFirst: true, PageSize, _cursor, CancellationToken.None);
        if (!page.Succeeded)
        {
            _problem = page.Detail;
            return;
        }

        _problem = null;
        _threads.AddRange(page.Value.Threads);
        (_cursor, _more, _canComment) = (page.Value.NextCursor, page.Value.NextCursor is not null, page.Value.CanComment);
    }

    private async Task ReloadAsync()
    {
        (_threads, _cursor) = ([], null);
        await LoadMoreAsync();
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
    private async Task DraftChangedAsync(string? text)
    {
        _draft = text ?? string.Empty;
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

    [GeneratedRegex(@"(?<![\w@.])@\[?(?<prefix>[\w.\-]*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MentionBeingTyped();
}
