namespace Strata.Domain.Comments;

/// <summary>
/// A comment on a file or folder, bound to the node's id so that it follows the item through renames and moves.
/// A root comment opens a thread; a reply names its root in <see cref="ParentId"/> (one level only).
/// </summary>
public sealed class Comment
{
    public long Id { get; set; }

    public long NodeId { get; set; }

    /// <summary>The thread's root; null for a root.</summary>
    public long? ParentId { get; set; }

    /// <summary>The version of the file the author was looking at (0 for a folder).</summary>
    public int VersionNumber { get; set; }

    public required string AuthorId { get; set; }

    /// <summary>Markdown as written; empty once a root with replies was deleted (its placeholder keeps the thread).</summary>
    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>Set when a root with replies was deleted: it stays as a "deleted" placeholder until its last reply goes.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>When the thread was resolved (roots only); null while open.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public AnchorKind? AnchorKind { get; set; }

    public int? AnchorPage { get; set; }

    public double? AnchorX { get; set; }

    public double? AnchorY { get; set; }

    public double? AnchorWidth { get; set; }

    public double? AnchorHeight { get; set; }

    public double? AnchorStart { get; set; }

    public double? AnchorEnd { get; set; }

    public bool IsRoot => ParentId is null;

    public void Pin(CommentAnchor? anchor)
    {
        AnchorKind = anchor?.Kind;
        AnchorPage = anchor?.Page;
        AnchorX = anchor?.X;
        AnchorY = anchor?.Y;
        AnchorWidth = anchor?.Width;
        AnchorHeight = anchor?.Height;
        AnchorStart = anchor?.Start;
        AnchorEnd = anchor?.End;
    }
}

/// <summary>One person's reaction with one emoji to a comment.</summary>
public sealed class CommentReaction
{
    public long CommentId { get; set; }

    public required string UserId { get; set; }

    public required string Emoji { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A folder's own comment setting; sub-folders inherit it.</summary>
public sealed class CommentSetting
{
    public long NodeId { get; set; }

    public CommentPolicy Policy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public string? ChangedBy { get; set; }
}
