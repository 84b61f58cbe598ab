using Strata.Domain.Access;
using Strata.Domain.Files;

namespace Strata.Domain.Journal;

/// <summary>Where an event's node is now: its current path, and whether it lies in the trash.</summary>
public sealed record NodeWhereabouts(string Path, bool IsTrashed);

/// <summary>Which of an event's paths a caller may be shown.</summary>
public readonly record struct EventSight(bool Path, bool OldPath);

/// <summary>
/// The one rule for who may read which journal events, for every reader (the events API, the activity page and the
/// live feed). An event's paths are history: the folders they name may since have been renamed, moved or trashed, so
/// today's grants at those paths no longer say whose eyes they were for. What counts is the item itself, followed by
/// its node id: an event is shown only to callers who may see that node where it is now (under the trash's rules when
/// it lies in the trash) and who may also see the path the event names (and its old path, for that to be shown: a
/// folder's own grants move with it, so today's grants at its old path say nothing of who saw it there). An event
/// private to one user (a personal tag, a star) is shown to that user alone, and one about tag administration to
/// administrators alone. An item that no longer exists (purged) leaves
/// nothing to follow, so its events are shown only where no grant decides: in the caller's own private space, and to
/// administrators in the shared area.
/// </summary>
public sealed class EventVisibility
{
    private readonly AccessEvaluator _live;
    private readonly AccessEvaluator _trash;

    /// <param name="live">The caller's rights over the live tree.</param>
    /// <param name="trash">The caller's rights over the trash (grants on trashed folders still count).</param>
    public EventVisibility(AccessEvaluator live, AccessEvaluator trash)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(trash);
        _live = live;
        _trash = trash;
    }

    public Caller Caller => _live.Caller;

    /// <param name="change">The event.</param>
    /// <param name="node">Where the event's node is now; null when it has none or it no longer exists.</param>
    public EventSight Of(JournalEvent change, NodeWhereabouts? node)
    {
        ArgumentNullException.ThrowIfNull(change);
        if ((change.PrivateTo is { } owner && owner != Caller.UserId) || (change.IsAdministration && !Caller.IsAdmin))
        {
            return default;
        }

        Func<NodePath, bool> canSee = (change.NodeId, node) switch
        {
            // No node to follow (a lock taken on a name before its file exists): the path is all there is.
            (null, _) => _live.CanSee,
            (_, null) => IsGrantFree,
            (_, { IsTrashed: true }) => _trash.CanSee,
            _ => _live.CanSee,
        };
        var itemVisible = node is null || (NodePath.TryParse(node.Path, out var now, out _) && canSee(now));
        return new EventSight(
            itemVisible && CanSee(canSee, change.Path),
            itemVisible && change.OldPath is { } old && CanSee(canSee, old));
    }

    private static bool CanSee(Func<NodePath, bool> canSee, string path) => NodePath.TryParse(path, out var parsed, out _) && canSee(parsed);

    /// <summary>Where the caller's rights rest on no grant, so that history there cannot outlive a grant that hid it.</summary>
    private bool IsGrantFree(NodePath path) =>
        path.IsSameOrDescendantOf(NodePath.Private(Caller.UserName)) || (Caller.IsAdmin && path.IsShared);
}
