using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Journal;

/// <summary>Reads the journal filtered to what a caller may see: all of <c>/Shared</c> and their own <c>/Private</c> folder.</summary>
public sealed class JournalReader(IDbContextFactory<StrataDbContext> dbFactory)
{
    public async Task<IReadOnlyList<EventView>> ReadAsync(Caller caller, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var shared = NodePath.Parse(NodePath.SharedArea).Key;
        var own = NodePath.Private(caller.UserName).Key;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = await db.Journal.AsNoTracking()
            .Where(e => e.Sequence > after)
            .Where(e => e.PathKey == shared || e.PathKey.StartsWith(shared + "/") || e.PathKey == own || e.PathKey.StartsWith(own + "/"))
            .OrderBy(e => e.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);

        // A move out of someone's private space must not reveal where it came from.
        return events.Select(e => new EventView(
                e.Sequence, e.Type, e.NodeId, e.Path, e.OldPath is { } old && IsVisible(caller, old) ? old : null, e.IsFolder, e.ActorId, e.At))
            .ToList();
    }

    private static bool IsVisible(Caller caller, string path) =>
        NodePath.TryParse(path, out var parsed, out _) && AccessEvaluator.Evaluate(caller, parsed, Operation.Read) == AccessDecision.Allowed;
}

public sealed record EventView(long Sequence, string Type, long? NodeId, string Path, string? OldPath, bool IsFolder, string? ActorId, DateTimeOffset At);
