using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Flags;

/// <summary>
/// Flag definitions from the database, cached in memory. A change made here takes effect at once in
/// this process; other instances pick it up within <see cref="RefreshInterval"/>.
/// </summary>
public sealed class FlagStore(IDbContextFactory<StrataDbContext> dbFactory, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private volatile Snapshot? _snapshot;

    public async Task<IReadOnlyList<FeatureFlag>> GetAllAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Flags.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();

    public async Task<FeatureFlag?> FindAsync(string name, CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Flags.GetValueOrDefault(name);

    /// <summary>Changes a flag's state and audience; null when there is no such flag.</summary>
    public async Task<FeatureFlag?> UpdateAsync(string name, FlagSettings settings, string? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var flag = await db.FeatureFlags.FindAsync([name], cancellationToken);
        if (flag is null)
        {
            return null;
        }

        flag.Enabled = settings.Enabled;
        flag.Users = Clean(settings.Users);
        flag.Groups = Clean(settings.Groups);
        flag.RolloutPercentage = settings.RolloutPercentage;
        flag.UpdatedAt = clock.GetUtcNow();
        flag.UpdatedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        _snapshot = null;
        return flag;
    }

    /// <summary>Adds the flags the product knows that the database does not have yet; existing ones keep their state.</summary>
    public async Task SeedAsync(IReadOnlyDictionary<string, string> seeds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.FeatureFlags.Select(f => f.Name).ToListAsync(cancellationToken);
        foreach (var (name, description) in seeds.Where(s => !existing.Contains(s.Key)))
        {
            db.FeatureFlags.Add(new FeatureFlag { Name = name, Description = description, Enabled = true, UpdatedAt = clock.GetUtcNow() });
        }

        await db.SaveChangesAsync(cancellationToken);
        _snapshot = null;
    }

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } fresh && clock.GetUtcNow() - fresh.LoadedAt < RefreshInterval)
        {
            return fresh;
        }

        await _loadGate.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } loaded && clock.GetUtcNow() - loaded.LoadedAt < RefreshInterval)
            {
                return loaded;
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // An older installation may hold flags of features planned then and not built (Search, …): they
            // switch nothing, so they are not offered.
            var known = FlagNames.Seeds.Keys.ToList();
            var flags = await db.FeatureFlags.AsNoTracking().Where(f => known.Contains(f.Name))
                .ToDictionaryAsync(f => f.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
            return _snapshot = new Snapshot(flags, clock.GetUtcNow());
        }
        finally
        {
            _loadGate.Release();
        }
    }

    public void Dispose() => _loadGate.Dispose();

    private static string[] Clean(IEnumerable<string>? values) =>
        (values ?? []).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    private sealed record Snapshot(Dictionary<string, FeatureFlag> Flags, DateTimeOffset LoadedAt);
}

/// <summary>What an administrator sets on a flag.</summary>
public sealed record FlagSettings(bool Enabled, IReadOnlyList<string>? Users, IReadOnlyList<string>? Groups, int RolloutPercentage);
