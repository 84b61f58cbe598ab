using Strata.Domain.Comments;
using Strata.Infrastructure.Comments;
using Strata.Web.Files;

namespace Strata.Web.Comments;

/// <summary>
/// A comment as the API and the UI show it: the Markdown as written (<see cref="Body"/>, for editing) and the same
/// rendered to safe HTML (<see cref="Html"/>: raw HTML escaped, sanitised, only http, https and mailto links).
/// </summary>
public sealed record CommentDto(
    long Id,
    long? ParentId,
    int VersionNumber,
    string? AuthorId,
    string? AuthorName,
    string Body,
    string Html,
    bool Deleted,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    AnchorView? Anchor,
    IReadOnlyList<ReactionCount> Reactions,
    bool CanEdit,
    bool CanDelete)
{
    public static CommentDto From(CommentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, view.ParentId, view.VersionNumber, view.AuthorId, view.AuthorName, view.Body,
            view.Deleted ? string.Empty : SafeMarkdown.Render(view.Body), view.Deleted, view.CreatedAt, view.EditedAt,
            view.ResolvedAt, view.ResolvedBy, view.Anchor, view.Reactions, view.CanEdit, view.CanDelete);
    }
}

/// <summary>A thread: its first comment and the replies, oldest first.</summary>
public sealed record CommentThreadDto(CommentDto Root, IReadOnlyList<CommentDto> Replies, int EarlierReplies)
{
    public static CommentThreadDto From(CommentThread thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        return new(CommentDto.From(thread.Root), thread.Replies.Select(CommentDto.From).ToList(), thread.EarlierReplies);
    }
}

/// <summary>Older replies of a thread, oldest first; <see cref="EarlierReplies"/> more remain before the first.</summary>
public sealed record ReplyPageDto(IReadOnlyList<CommentDto> Replies, int EarlierReplies);

/// <summary>A page of threads; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one (null: last page).</summary>
public sealed record CommentThreadsPage(IReadOnlyList<CommentThreadDto> Threads, string? NextCursor, bool CanComment);

/// <summary>
/// A comment written or edited. <see cref="UnreachableMentions"/>: user names mentioned who cannot see the item (they
/// are not told); <see cref="CanShare"/>: the caller may grant them access to the folder (e.g. as Viewer).
/// </summary>
public sealed record CommentPostedDto(CommentDto Comment, IReadOnlyList<string> UnreachableMentions, bool CanShare)
{
    public static CommentPostedDto From(CommentPosted posted)
    {
        ArgumentNullException.ThrowIfNull(posted);
        return new(CommentDto.From(posted.Comment), posted.UnreachableMentions, posted.CanShare);
    }
}

/// <summary>
/// A new comment: Markdown <c>body</c> (at most 10,000 characters; mention people as <c>@username</c> or
/// <c>@[username]</c>), <c>parentId</c> to reply to a thread's first comment, and an optional pin.
/// </summary>
public sealed record CommentRequest(string? Body, long? ParentId, AnchorRequest? Anchor);

/// <summary>
/// A pin. <c>Point</c>: <c>x</c>, <c>y</c> (0..1 from the top-left) and <c>page</c> (1-based, for documents);
/// <c>Rectangle</c>: the same and <c>width</c>, <c>height</c>; <c>TimeRange</c>: <c>start</c> and <c>end</c> in seconds.
/// </summary>
public sealed record AnchorRequest(string? Kind, int? Page, double? X, double? Y, double? Width, double? Height, double? Start, double? End)
{
    public bool TryParse(out CommentAnchor anchor, out string error)
    {
        if (!Enum.TryParse<AnchorKind>(Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(Kind, out _))
        {
            anchor = null!;
            error = "The anchor kind is one of Point, Rectangle, TimeRange.";
            return false;
        }

        return CommentAnchor.TryCreate(kind, Page, X, Y, Width, Height, Start, End, out anchor, out error);
    }
}

/// <summary>The new Markdown of a comment.</summary>
public sealed record EditCommentRequest(string? Body);

/// <summary>A folder's own comment setting: <c>Readers</c>, <c>Editors</c>, <c>Off</c>, or null to inherit from above.</summary>
public sealed record CommentSettingRequest(string? Policy);
