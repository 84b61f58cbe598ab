using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Journal;

namespace Strata.Web.Live;

/// <summary>An event as a folder's viewers see it; a path they may not see is null (a move out of their sight).</summary>
public sealed record FolderEvent(long Sequence, string Type, long? NodeId, string? Path, string? OldPath, bool IsFolder, DateTimeOffset At);

/// <summary>
/// Maps journal events to the folder groups that must hear of them: the parent of the new path and,
/// for moves, the parent of the old one; for a lock on a folder, the folder itself too (a depth-infinity lock
/// shows on everything listed in it). Events about public links are nobody's folder news.
/// </summary>
internal static class FolderFeed
{
    public static string GroupOf(NodePath folder) => "folder:" + folder.Key;

    public static IEnumerable<(string Group, FolderDelivery Delivery)> Deliveries(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var journal = entry.Event;
        // Link events are private to the link's creator; an upload through a link reaches viewers as its FileCreated.
        if (journal.LinkId is not null || !NodePath.TryParse(journal.Path, out var path, out _) || path.IsRoot)
        {
            yield break;
        }

        var old = journal.OldPath is { } raw && NodePath.TryParse(raw, out var parsed, out _) && !parsed.IsRoot ? parsed : null;
        if (IsFeedFolder(path.Parent))
        {
            yield return (GroupOf(path.Parent), new FolderDelivery(entry, path, old, ToOldFolder: false));
        }

        if (old is not null && !old.Parent.Equals(path.Parent) && IsFeedFolder(old.Parent))
        {
            yield return (GroupOf(old.Parent), new FolderDelivery(entry, path, old, ToOldFolder: true));
        }

        if (journal.IsFolder && IsLockChange(journal.Type) && IsFeedFolder(path))
        {
            yield return (GroupOf(path), new FolderDelivery(entry, path, old, ToOldFolder: false));
        }
    }

    /// <summary>The folder whose grants changed, for views at it or below it to read their rights again; else null.</summary>
    public static NodePath? RightsChangedAt(JournalEvent journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return journal.Type == nameof(JournalEventType.PermissionsChanged) && NodePath.TryParse(journal.Path, out var folder, out _) ? folder : null;
    }

    public static bool IsAtOrBelow(string group, NodePath folder)
    {
        ArgumentNullException.ThrowIfNull(group);
        var own = GroupOf(folder);
        return group == own || group.StartsWith(own + "/", StringComparison.Ordinal);
    }

    private static bool IsLockChange(string type) => type is nameof(JournalEventType.Locked) or nameof(JournalEventType.Unlocked);

    /// <summary>The root and <c>/Private</c> list differently per viewer, so they have no shared feed.</summary>
    public static bool IsFeedFolder(NodePath folder) => folder.Depth >= 2 || folder.IsShared;
}

/// <summary>One event bound for one folder group: the old folder's viewers for a move away, else the new one's.</summary>
internal sealed record FolderDelivery(JournalEntry Entry, NodePath Path, NodePath? OldPath, bool ToOldFolder)
{
    /// <summary>
    /// The event as <paramref name="visibility"/>'s holder sees it: nothing when the item in their folder is hidden
    /// from them, and the other end of a move only when they may see it too.
    /// </summary>
    public FolderEvent? ViewFor(EventVisibility visibility)
    {
        ArgumentNullException.ThrowIfNull(visibility);
        var journal = Entry.Event;
        var sight = visibility.Of(journal, Entry.Node);
        if (!(ToOldFolder ? sight.OldPath : sight.Path))
        {
            return null;
        }

        return new FolderEvent(journal.Sequence, journal.Type, journal.NodeId, sight.Path ? Path.Value : null, sight.OldPath ? OldPath?.Value : null, journal.IsFolder, journal.At);
    }
}
