using Strata.Domain.Comments;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Journal;

namespace Strata.Web.Journal;

/// <summary>A journal event in words, as people tell each other what happened ("jane@client.com uploaded x.zip via file request #3").</summary>
public static class ActivitySentence
{
    private const string Visitor = "Anonymous visitor";

    /// <param name="change">The event.</param>
    /// <param name="names">Display names of the actors, from <see cref="UserDirectory"/>.</param>
    public static string Describe(EventView change, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(change);
        var actor = UserDirectory.Display(names, change.ActorId);
        var item = NameOf(change.Path);
        var link = $"link #{change.LinkId}";
        if (!Enum.TryParse<JournalEventType>(change.Type, out var type))
        {
            return $"{actor}: {change.Type} {item}";
        }

        return type switch
        {
            JournalEventType.FolderCreated => $"{actor} created the folder {item}",
            JournalEventType.FileCreated => $"{actor} added {item}",
            JournalEventType.FileUpdated => $"{actor} saved a new version of {item}",
            JournalEventType.Renamed => change.OldPath is { } old ? $"{actor} renamed {NameOf(old)} to {item}" : $"{actor} renamed an item to {item}",
            JournalEventType.Moved => $"{actor} moved {item} here",
            JournalEventType.Copied => $"{actor} copied {item}",
            JournalEventType.Trashed => $"{actor} deleted {item}",
            JournalEventType.Restored => $"{actor} restored {item} from the trash",
            JournalEventType.Purged => $"{actor} deleted {item} for good",
            JournalEventType.VersionRestored => $"{actor} restored an earlier version of {item}",
            JournalEventType.Touched => $"{actor} changed the date of {item}",
            JournalEventType.LinkCreated when Detail(change, "kind") == "Upload" => $"{actor} created file request #{change.LinkId} for {item}",
            JournalEventType.LinkCreated => $"{actor} created {link} to {item}",
            JournalEventType.LinkOpened => $"{Visitor} opened {link} to {item}",
            JournalEventType.LinkDownloaded => $"{Visitor} downloaded {item} via {link}",
            JournalEventType.LinkPasswordFailed => $"Wrong password tried on {link} to {item}" + (Detail(change, "address") is { } address ? $" from {address}" : string.Empty),
            JournalEventType.LinkRevoked => $"{actor} revoked {link} to {item}",
            JournalEventType.Locked => $"{actor} locked {item} for editing",
            JournalEventType.Unlocked => $"{actor} released the lock on {item}",
            JournalEventType.PermissionsChanged => $"{actor} changed who may access {item}",
            JournalEventType.LinkUploaded => $"{Uploader(change)} uploaded {item} via file request #{change.LinkId}",
            JournalEventType.CommentAdded when Detail(change, "threadId") != Detail(change, "commentId") => $"{actor} replied to a comment on {item}",
            JournalEventType.CommentAdded => $"{actor} commented on {item}",
            JournalEventType.CommentEdited => $"{actor} edited a comment on {item}",
            JournalEventType.CommentDeleted => $"{actor} deleted a comment on {item}",
            JournalEventType.CommentResolved => $"{actor} resolved a comment thread on {item}",
            JournalEventType.CommentReopened => $"{actor} reopened a comment thread on {item}",
            JournalEventType.CommentReacted when Detail(change, "reaction") == "removed" => $"{actor} took back a reaction on a comment on {item}",
            JournalEventType.CommentReacted => $"{actor} reacted {Detail(change, "emoji")} to a comment on {item}",
            JournalEventType.TaskCreated => $"{actor} gave {TaskOf(change)} on {item}",
            JournalEventType.TaskChanged when Detail(change, "status") == "Cancelled" => $"{actor} cancelled {TaskOf(change)} on {item}",
            JournalEventType.TaskChanged when Detail(change, "responded") is not null => $"{actor} answered {TaskOf(change)} on {item}",
            JournalEventType.TaskChanged => $"{actor} changed {TaskOf(change)} on {item}",
            JournalEventType.TaskCompleted when Detail(change, "outcome") == "Approved" => $"{actor} approved {item}",
            JournalEventType.TaskCompleted when Detail(change, "outcome") == "Rejected" => $"{actor} rejected {item}",
            JournalEventType.TaskCompleted => $"{actor} completed {TaskOf(change)} on {item}",
            JournalEventType.TaskDue when Detail(change, "reminder") == "before" => $"{Capitalized(TaskOf(change))} on {item} is due in a day",
            JournalEventType.TaskDue when Detail(change, "reminder") == "overdue" => $"{Capitalized(TaskOf(change))} on {item} is overdue",
            JournalEventType.TaskDue => $"{Capitalized(TaskOf(change))} on {item} is due now",
            JournalEventType.TagAdded => $"{actor} tagged {item} \"{Detail(change, "tag")}\"",
            JournalEventType.TagRemoved => $"{actor} removed the tag \"{Detail(change, "tag")}\" from {item}",
            JournalEventType.CommentSettingChanged => $"{actor} {CommentSetting(change)} on {item}",
            JournalEventType.TagChanged => $"{actor} {TagChange(change)}",
            JournalEventType.TagsMerged => $"{actor} merged the tag \"{Detail(change, "mergedTag")}\" into \"{Detail(change, "tag")}\" ({Detail(change, "items")} items)",
            JournalEventType.Favorited => $"{actor} starred {item}",
            JournalEventType.Unfavorited => $"{actor} unstarred {item}",
            _ => $"{actor}: {change.Type} {item}",
        };
    }

    /// <summary>A burst of uploads by one person into one folder, told as one: "Alice uploaded 214 files to /Shared/Builds".</summary>
    /// <param name="newest">The burst's newest event, whose actor is everyone's in the burst.</param>
    /// <param name="count">How many files the burst put into the folder.</param>
    /// <param name="folder">The folder's path.</param>
    /// <param name="names">Display names of the actors.</param>
    public static string DescribeBurst(EventView newest, int count, string folder, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(newest);
        return $"{UserDirectory.Display(names, newest.ActorId)} uploaded {count} files to {folder}";
    }

    /// <summary>Who a link's visitor said they are: "Jane (jane@client.com)", either part alone, or anonymous.</summary>
    private static string Uploader(EventView change) => (Detail(change, "uploader"), Detail(change, "email")) switch
    {
        ({ } name, { } email) => $"{name} ({email})",
        ({ } name, null) => name,
        (null, { } email) => email,
        _ => Visitor,
    };

    /// <summary>What a folder's new comment setting means, in words.</summary>
    private static string CommentSetting(EventView change) => Detail(change, "policy") switch
    {
        nameof(CommentPolicy.Off) => "switched comments off",
        nameof(CommentPolicy.Editors) => "let only editors comment",
        nameof(CommentPolicy.Readers) => "let everyone who can read comment",
        _ => "made comments follow the parent folder's setting",
    };

    /// <summary>"renamed the tag "a" to "b"", "recoloured the tag "b"", or both, by what the event says changed.</summary>
    private static string TagChange(EventView change)
    {
        var tag = $"\"{Detail(change, "tag")}\"";
        var parts = new List<string>();
        if (Detail(change, "oldName") is { } oldName)
        {
            parts.Add($"renamed the tag \"{oldName}\" to {tag}");
        }

        string Subject() => parts.Count == 0 ? $"the tag {tag}" : "it";
        if (Detail(change, "oldColor") is not null)
        {
            parts.Add($"recoloured {Subject()}");
        }

        if (Detail(change, "oldScope") is not null)
        {
            parts.Add($"made {Subject()} {Detail(change, "scope")?.ToLowerInvariant()}");
        }

        return parts.Count == 0 ? $"changed the tag {tag}" : string.Join(" and ", parts);
    }

    /// <summary>"a to-do", "a review", "an approval" task, by the event's kind.</summary>
    private static string TaskOf(EventView change) => Detail(change, "kind") switch
    {
        "Review" => "a review task",
        "Approval" => "an approval task",
        "ToDo" => "a to-do task",
        _ => "a task",
    };

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string? Detail(EventView change, string key) => change.Details?.GetValueOrDefault(key);

    private static string NameOf(string path) => NodePath.TryParse(path, out var parsed, out _) && !parsed.IsRoot ? parsed.Name.Value : path;
}
