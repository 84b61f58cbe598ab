using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Journal;

/// <summary>
/// Reads the journal filtered to what a caller may see: <c>/Shared</c> less governed folders they have no right to,
/// and their own <c>/Private</c> folder, decided per event by <see cref="EventVisibility"/> from where each event's node
/// is now. Events about a public link (those with a link id) are the link's business:
/// only its creator and administrators see them, whoever else can see the folder, because they tell who opened,
/// downloaded or uploaded through a link that others need not know exists.
/// </summary>
public sealed class JournalReader(IDbContextFactory<StrataDbContext> dbFactory, PermissionService permissions)
{
    /// <summary>Events after <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<EventView>> ReadAsync(Caller caller, long after, int limit, CancellationToken cancellationToken)
    {
        var visibility = await VisibilityForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = await ReadEntriesAsync(db, Candidates(db, caller)
            .Where(e => e.Sequence > after)
            .OrderBy(e => e.Sequence)
            .Take(limit), newestFirst: false, cancellationToken);
        return Visible(visibility, events);
    }

    /// <summary>
    /// A page of events before <paramref name="before"/> (from the newest when null), newest first, for activity views.
    /// The page may hold fewer than <paramref name="limit"/> events when some were not for the caller's eyes;
    /// <see cref="RecentEvents.Before"/> continues after them, and is null at the journal's beginning.
    /// </summary>
    public Task<RecentEvents> ReadRecentAsync(Caller caller, long? before, int limit, CancellationToken cancellationToken) =>
        ReadRecentAsync(caller, nodeId: null, before, limit, cancellationToken);

    /// <summary>As <see cref="ReadRecentAsync(Caller, long?, int, CancellationToken)"/>, only the events about one node.</summary>
    public async Task<RecentEvents> ReadRecentAsync(Caller caller, long? nodeId, long? before, int limit, CancellationToken cancellationToken)
    {
        var visibility = await VisibilityForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = await ReadEntriesAsync(db, Candidates(db, caller)
            .Where(e => nodeId == null || e.NodeId == nodeId)
            .Where(e => before == null || e.Sequence < before)
            .OrderByDescending(e => e.Sequence)
            .Take(limit), newestFirst: true, cancellationToken);
        return new RecentEvents(Visible(visibility, events), events.Count == limit ? events[^1].Event.Sequence : null);
    }

    /// <summary>
    /// Every event in <c>(after, upTo]</c>, unfiltered, oldest first, with where its node is now: for the live feed,
    /// which filters each event per listener with <see cref="VisibilityForAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadUnfilteredAsync(long after, long upTo, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ReadEntriesAsync(db, db.Journal.AsNoTracking()
            .Where(e => e.Sequence > after && e.Sequence <= upTo)
            .OrderBy(e => e.Sequence)
            .Take(limit), newestFirst: false, cancellationToken);
    }

    /// <summary>The caller's rights over the journal; cached with their rights, so a warm call issues no query.</summary>
    public async Task<EventVisibility> VisibilityForAsync(Caller caller, CancellationToken cancellationToken) =>
        new(await permissions.ForAsync(caller, cancellationToken), await permissions.ForTrashAsync(caller, cancellationToken));

    /// <summary>Makes rights judged from now on at least as new as <paramref name="entries"/> (see <see cref="PermissionService.CatchUp"/>).</summary>
    public void CatchUpRights(IEnumerable<JournalEntry> entries) => permissions.CatchUp(entries.Select(entry => entry.Event));

    public async Task<long> LatestSequenceAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Journal.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
    }

    /// <summary>
    /// What the database can rule out: other people's private spaces, links the caller did not create, and events
    /// private to someone else.
    /// </summary>
    private static IQueryable<JournalEvent> Candidates(StrataDbContext db, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var shared = NodePath.Parse(NodePath.SharedArea).Key;
        var own = NodePath.Private(caller.UserName).Key;
        var ownLinks = db.PublicLinks.Where(l => l.CreatedBy == caller.UserId).Select(l => (long?)l.Id);
        var userId = caller.UserId;
        return db.Journal.AsNoTracking().Where(e => e.PrivateTo == null || e.PrivateTo == userId).Where(e => e.LinkId == null
            ? e.PathKey == shared || e.PathKey.StartsWith(shared + "/") || e.PathKey == own || e.PathKey.StartsWith(own + "/")
            : caller.IsAdmin || ownLinks.Contains(e.LinkId));
    }

    /// <summary>A page of events, each with where its node is now, in one query whatever the page's length.</summary>
    private static async Task<List<JournalEntry>> ReadEntriesAsync(StrataDbContext db, IQueryable<JournalEvent> page, bool newestFirst, CancellationToken cancellationToken)
    {
        var rows = await (
            from e in page
            join n in db.Nodes on e.NodeId equals n.Id into nodes
            from n in nodes.DefaultIfEmpty()
            orderby newestFirst ? -e.Sequence : e.Sequence
            select new { Event = e, NodePath = n == null ? null : n.Path, Trashed = n != null && n.TrashedAt != null })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new JournalEntry(r.Event, r.NodePath is null ? null : new NodeWhereabouts(r.NodePath, r.Trashed))).ToList();
    }

    /// <summary>The rest is decided by the access rules; a move out of someone's private space must not reveal where it came from.</summary>
    private static List<EventView> Visible(EventVisibility visibility, IEnumerable<JournalEntry> entries) => entries
        .Select(entry => (entry.Event, Sight: entry.Event.LinkId is null ? visibility.Of(entry.Event, entry.Node) : new EventSight(Path: true, OldPath: false)))
        .Where(e => e.Sight.Path)
        .Select(e => new EventView(
            e.Event.Sequence, e.Event.Type, e.Event.NodeId, e.Event.Path, e.Sight.OldPath ? e.Event.OldPath : null, e.Event.IsFolder, e.Event.ActorId, e.Event.At, e.Event.LinkId, DetailsOf(e.Event)))
        .ToList();

    /// <summary>
    /// A permission change's details name whose grant changed, which only the folder's managers may list: they are
    /// for the notifications, not for everyone who sees the folder.
    /// </summary>
    private static Dictionary<string, string>? DetailsOf(JournalEvent e) =>
        e.Details is null || e.Type == nameof(JournalEventType.PermissionsChanged) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(e.Details);
}

/// <summary>
/// An event as the caller sees it. Link events carry the link's id, and <c>Details</c> holds small facts
/// such as <c>uploader</c> and <c>email</c> of an upload through a link.
/// </summary>
public sealed record EventView(
    long Sequence,
    string Type,
    long? NodeId,
    string Path,
    string? OldPath,
    bool IsFolder,
    string? ActorId,
    DateTimeOffset At,
    long? LinkId = null,
    IReadOnlyDictionary<string, string>? Details = null);

/// <summary>A journal event and where its node is now (null when it has none, or no longer exists).</summary>
public sealed record JournalEntry(JournalEvent Event, NodeWhereabouts? Node);

/// <summary>A page of events, newest first; pass <see cref="Before"/> to read older ones (none left when null).</summary>
public sealed record RecentEvents(IReadOnlyList<EventView> Events, long? Before);
