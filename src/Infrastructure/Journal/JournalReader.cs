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
/// and their own <c>/Private</c> folder. Events about a public link (those with a link id) are the link's business:
/// only its creator and administrators see them, whoever else can see the folder, because they tell who opened,
/// downloaded or uploaded through a link that others need not know exists.
/// </summary>
public sealed class JournalReader(IDbContextFactory<StrataDbContext> dbFactory, PermissionService permissions)
{
    /// <summary>Events after <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<EventView>> ReadAsync(Caller caller, long after, int limit, CancellationToken cancellationToken)
    {
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = await Candidates(db, caller)
            .Where(e => e.Sequence > after)
            .OrderBy(e => e.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return Visible(access, events);
    }

    /// <summary>
    /// A page of events before <paramref name="before"/> (from the newest when null), newest first, for activity views.
    /// The page may hold fewer than <paramref name="limit"/> events when some were not for the caller's eyes;
    /// <see cref="RecentEvents.Before"/> continues after them, and is null at the journal's beginning.
    /// </summary>
    public async Task<RecentEvents> ReadRecentAsync(Caller caller, long? before, int limit, CancellationToken cancellationToken)
    {
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = await Candidates(db, caller)
            .Where(e => before == null || e.Sequence < before)
            .OrderByDescending(e => e.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return new RecentEvents(Visible(access, events), events.Count == limit ? events[^1].Sequence : null);
    }

    /// <summary>
    /// Every event in <c>(after, upTo]</c>, unfiltered, oldest first: for the live feed, which filters per
    /// folder group whose members were authorised when they joined.
    /// </summary>
    public async Task<IReadOnlyList<JournalEvent>> ReadUnfilteredAsync(long after, long upTo, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Journal.AsNoTracking()
            .Where(e => e.Sequence > after && e.Sequence <= upTo)
            .OrderBy(e => e.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public async Task<long> LatestSequenceAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Journal.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
    }

    /// <summary>What the database can rule out: other people's private spaces, and links the caller did not create.</summary>
    private static IQueryable<JournalEvent> Candidates(StrataDbContext db, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var shared = NodePath.Parse(NodePath.SharedArea).Key;
        var own = NodePath.Private(caller.UserName).Key;
        var ownLinks = db.PublicLinks.Where(l => l.CreatedBy == caller.UserId).Select(l => (long?)l.Id);
        return db.Journal.AsNoTracking().Where(e => e.LinkId == null
            ? e.PathKey == shared || e.PathKey.StartsWith(shared + "/") || e.PathKey == own || e.PathKey.StartsWith(own + "/")
            : caller.IsAdmin || ownLinks.Contains(e.LinkId));
    }

    /// <summary>The rest is decided by the access rules; a move out of someone's private space must not reveal where it came from.</summary>
    private static List<EventView> Visible(AccessEvaluator access, IEnumerable<JournalEvent> events) => events
        .Where(e => e.LinkId is not null || IsVisible(access, e.Path))
        .Select(e => new EventView(
            e.Sequence, e.Type, e.NodeId, e.Path, e.OldPath is { } old && IsVisible(access, old) ? old : null, e.IsFolder, e.ActorId, e.At, e.LinkId, DetailsOf(e)))
        .ToList();

    private static bool IsVisible(AccessEvaluator access, string path) =>
        NodePath.TryParse(path, out var parsed, out _) && access.Evaluate(parsed, Operation.Read) == AccessDecision.Allowed;

    private static Dictionary<string, string>? DetailsOf(JournalEvent e) =>
        e.Details is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(e.Details);
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

/// <summary>A page of events, newest first; pass <see cref="Before"/> to read older ones (none left when null).</summary>
public sealed record RecentEvents(IReadOnlyList<EventView> Events, long? Before);
