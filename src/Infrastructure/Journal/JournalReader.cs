using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Journal;

/// <summary>Reads the journal filtered to what a caller may see: <c>/Shared</c> less governed folders they have no right to, and their own <c>/Private</c> folder.</summary>
public sealed class JournalReader(IDbContextFactory<StrataDbContext> dbFactory, PermissionService permissions)
{
    public async Task<IReadOnlyList<EventView>> ReadAsync(Caller caller, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var shared = NodePath.Parse(NodePath.SharedArea).Key;
        var own = NodePath.Private(caller.UserName).Key;
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = await db.Journal.AsNoTracking()
            .Where(e => e.Sequence > after)
            .Where(e => e.PathKey == shared || e.PathKey.StartsWith(shared + "/") || e.PathKey == own || e.PathKey.StartsWith(own + "/"))
            .OrderBy(e => e.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);

        // A move out of someone's private space must not reveal where it came from.
        return events
            .Where(e => IsVisible(access, e.Path))
            .Select(e => new EventView(
                e.Sequence, e.Type, e.NodeId, e.Path, e.OldPath is { } old && IsVisible(access, old) ? old : null, e.IsFolder, e.ActorId, e.At))
            .ToList();
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

    private static bool IsVisible(AccessEvaluator access, string path) =>
        NodePath.TryParse(path, out var parsed, out _) && access.Evaluate(parsed, Operation.Read) == AccessDecision.Allowed;
}

public sealed record EventView(long Sequence, string Type, long? NodeId, string Path, string? OldPath, bool IsFolder, string? ActorId, DateTimeOffset At);
