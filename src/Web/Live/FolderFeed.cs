using Strata.Domain.Files;
using Strata.Domain.Journal;

namespace Strata.Web.Live;

/// <summary>An event as a folder's viewers see it; a path they may not see is null (a move out of their sight).</summary>
public sealed record FolderEvent(long Sequence, string Type, long? NodeId, string? Path, string? OldPath, bool IsFolder, DateTimeOffset At);

/// <summary>
/// Maps journal events to the folder groups that must hear of them: the parent of the new path and,
/// for moves, the parent of the old one. A path is shown to a group only when that group's audience
/// (the shared area, or one user's private space) can see it. Events about public links are nobody's folder news.
/// </summary>
internal static class FolderFeed
{
    public static string GroupOf(NodePath folder) => "folder:" + folder.Key;

    public static IEnumerable<(string Group, FolderEvent Event)> Deliveries(JournalEvent journal)
    {
        // Link events are private to the link's creator; an upload through a link reaches viewers as its FileCreated.
        if (journal.LinkId is not null || !NodePath.TryParse(journal.Path, out var path, out _) || path.IsRoot)
        {
            yield break;
        }

        var old = journal.OldPath is { } raw && NodePath.TryParse(raw, out var parsed, out _) && !parsed.IsRoot ? parsed : null;
        if (IsFeedFolder(path.Parent))
        {
            yield return (GroupOf(path.Parent), View(journal, path, old is not null && SameAudience(old, path) ? old : null));
        }

        if (old is not null && !old.Parent.Equals(path.Parent) && IsFeedFolder(old.Parent))
        {
            yield return (GroupOf(old.Parent), View(journal, SameAudience(path, old) ? path : null, old));
        }
    }

    /// <summary>The root and <c>/Private</c> list differently per viewer, so they have no shared feed.</summary>
    public static bool IsFeedFolder(NodePath folder) => folder.Depth >= 2 || folder.IsShared;

    private static bool SameAudience(NodePath a, NodePath b) =>
        (a.IsShared && b.IsShared)
        || (a.PrivateOwner is { } owner && b.PrivateOwner is { } other && NodeName.Fold(owner) == NodeName.Fold(other));

    private static FolderEvent View(JournalEvent journal, NodePath? path, NodePath? oldPath) =>
        new(journal.Sequence, journal.Type, journal.NodeId, path?.Value, oldPath?.Value, journal.IsFolder, journal.At);
}
