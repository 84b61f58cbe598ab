namespace Strata.Domain.Journal;

/// <summary>What happened to a node; stored by name in the journal, so names are a contract.</summary>
public enum JournalEventType
{
    FolderCreated,
    FileCreated,
    FileUpdated,
    Renamed,
    Moved,
    Copied,
    Trashed,
    Restored,
    Purged,
    VersionRestored,

    /// <summary>Only the modification time changed (a sync client keeping its own time).</summary>
    Touched,

    // Public links: visible only to the link's creator and administrators (the event has a LinkId).
    LinkCreated,

    /// <summary>A visitor opened the link (at most once per link and client address in a quarter of an hour).</summary>
    LinkOpened,

    LinkDownloaded,
    LinkPasswordFailed,
    LinkRevoked,

    /// <summary>A visitor uploaded a file through a file request; the file's own FileCreated is public as usual.</summary>
    LinkUploaded,

    /// <summary>
    /// A WebDAV lock was granted on the path. Refreshing a lock is not journalled (clients refresh every minute or
    /// so), nor is a lock running out: its expiry is part of the lock as shown.
    /// </summary>
    Locked,

    /// <summary>A WebDAV lock was released, by its owner or an administrator.</summary>
    Unlocked,

    /// <summary>A grant on the folder was set, changed or removed: rights at it and below may differ.</summary>
    PermissionsChanged,

    // Comments: Details carry commentId, threadId, replyTo (on replies), mentions (user ids who can see the item), excerpt.
    CommentAdded,
    CommentEdited,
    CommentDeleted,
    CommentResolved,
    CommentReopened,

    /// <summary>A reaction was added to or taken from a comment (Details: emoji, and reaction = added or removed).</summary>
    CommentReacted,

    /// <summary>
    /// A folder's own comment setting was set or removed (Details: policy = Readers, Editors, Off, or Inherited when
    /// the folder follows its parent again). An event about the folder, seen by whoever may see the folder.
    /// </summary>
    CommentSettingChanged,

    // Tasks on the item (Details: taskId, kind, assignees, creator; outcome on TaskCompleted, reminder on TaskDue).
    TaskCreated,

    /// <summary>The creator changed or cancelled the task, or one assignee answered while others still owe one.</summary>
    TaskChanged,

    /// <summary>The answers given finished the task: Done, Approved or Rejected.</summary>
    TaskCompleted,

    /// <summary>A reminder came due (before, due or overdue), for the assignees who still owe an answer.</summary>
    TaskDue,

    // Tags and favorites: Details hold tag, tagId and scope. Personal tags and favorites are private to their actor
    // (the event's PrivateTo).
    /// <summary>A tag was put on the item.</summary>
    TagAdded,

    /// <summary>A tag was taken off the item.</summary>
    TagRemoved,

    /// <summary>The actor starred the item.</summary>
    Favorited,

    /// <summary>The actor took the star off the item.</summary>
    Unfavorited,

    // Tag administration: about a shared or restricted tag, not an item, so the event has no node and stands at the
    // shared area's path. Administrators alone see it (see JournalEvent.IsAdministration). Details hold tag, tagId, scope.
    /// <summary>
    /// An administrator renamed, recoloured or re-scoped a tag (Details add oldName, oldColor, oldScope for what
    /// changed, and color).
    /// </summary>
    TagChanged,

    /// <summary>An administrator merged a tag into another (Details: mergedTag, mergedTagId, tag, tagId, scope, items moved).</summary>
    TagsMerged,
}
