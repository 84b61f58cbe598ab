using System.Text.Json.Serialization;
using Strata.Domain.Comments;

namespace Strata.Infrastructure.Comments;

/// <summary>A pin as the API shows it: the fields its kind uses, the others null.</summary>
public sealed record AnchorView(
    [property: JsonConverter(typeof(JsonStringEnumConverter<AnchorKind>))] AnchorKind Kind,
    int? Page, double? X, double? Y, double? Width, double? Height, double? Start, double? End)
{
    internal static AnchorView? Of(Comment comment) => comment.AnchorKind is { } kind
        ? new AnchorView(kind, comment.AnchorPage, comment.AnchorX, comment.AnchorY, comment.AnchorWidth, comment.AnchorHeight, comment.AnchorStart, comment.AnchorEnd)
        : null;
}

/// <summary>How many reacted with an emoji, and whether the caller is one of them.</summary>
public sealed record ReactionCount(string Emoji, int Count, bool Mine);

/// <summary>
/// A comment as its readers see it. A deleted root that still has replies reads as <see cref="Deleted"/> with an
/// empty body and no author.
/// </summary>
public sealed record CommentView(
    long Id,
    long? ParentId,
    int VersionNumber,
    string? AuthorId,
    string? AuthorName,
    string Body,
    bool Deleted,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    AnchorView? Anchor,
    IReadOnlyList<ReactionCount> Reactions,
    bool CanEdit,
    bool CanDelete);

/// <summary>A root comment and its newest replies, oldest first, and how many older replies it does not carry.</summary>
public sealed record CommentThread(CommentView Root, IReadOnlyList<CommentView> Replies, int EarlierReplies);

/// <summary>Replies of a thread, oldest first, and how many older ones remain.</summary>
public sealed record ReplyPage(IReadOnlyList<CommentView> Replies, int EarlierReplies);

/// <summary>One page of an item's threads; <see cref="NextCursor"/> asks for the next page, null on the last.</summary>
public sealed record CommentPage(IReadOnlyList<CommentThread> Threads, string? NextCursor, bool CanComment);

/// <summary>
/// A comment just written or edited. <see cref="UnreachableMentions"/> names the mentioned users who cannot see the
/// item (they are told nothing); <see cref="CanShare"/> says the caller may grant them access to its folder.
/// </summary>
public sealed record CommentPosted(CommentView Comment, IReadOnlyList<string> UnreachableMentions, bool CanShare);

/// <summary>Someone who may be mentioned on an item: they can see it.</summary>
public sealed record MentionCandidate(string UserName, string? DisplayName);

/// <summary>
/// A folder's comment setting: its own (null: inherited), the one in force and the folder it comes from when
/// inherited, and whether the caller may change it.
/// </summary>
public sealed record CommentSettingView(
    [property: JsonConverter(typeof(JsonStringEnumConverter<CommentPolicy>))] CommentPolicy? Own,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CommentPolicy>))] CommentPolicy Effective,
    string? InheritedFrom,
    bool CanChange);

/// <summary>What a new comment says: its Markdown, the thread it answers (a root's id) and an optional pin.</summary>
public sealed record NewComment(string? Body, long? ParentId, CommentAnchor? Anchor);
