using Microsoft.EntityFrameworkCore;
using Strata.Domain.Sharing;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Sharing;

/// <summary>What an administrator sets for one kind of link.</summary>
public sealed record LinkPolicySettings(int? MaxExpiryDays, bool RequirePassword);

/// <summary>The link policies, one per <see cref="LinkKind"/>; a kind without a stored row has no limits.</summary>
public sealed class LinkPolicyService(IDbContextFactory<StrataDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Ten years: beyond that "expiry" means nothing.</summary>
    public const int MaxExpiryDaysLimit = 3650;

    public async Task<LinkPolicy> GetAsync(LinkKind kind, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.LinkPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Kind == kind, cancellationToken) ?? LinkPolicy.Open(kind);
    }

    public async Task<IReadOnlyList<LinkPolicy>> GetAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.LinkPolicies.AsNoTracking().ToDictionaryAsync(p => p.Kind, cancellationToken);
        return Enum.GetValues<LinkKind>().Select(kind => stored.GetValueOrDefault(kind) ?? LinkPolicy.Open(kind)).ToList();
    }

    /// <summary>Stores the policies given, all or none; the error names what is wrong with the settings.</summary>
    public async Task<string?> SetAsync(IReadOnlyDictionary<LinkKind, LinkPolicySettings> settings, string? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.FirstOrDefault(s => s.Value.MaxExpiryDays is < 1 or > MaxExpiryDaysLimit) is { Value: not null } invalid)
        {
            return $"{invalid.Key}: maxExpiryDays must be between 1 and {MaxExpiryDaysLimit}, or null for no limit.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.LinkPolicies.ToDictionaryAsync(p => p.Kind, cancellationToken);
        foreach (var (kind, wanted) in settings)
        {
            if (!stored.TryGetValue(kind, out var policy))
            {
                policy = LinkPolicy.Open(kind);
                db.LinkPolicies.Add(policy);
            }

            policy.MaxExpiryDays = wanted.MaxExpiryDays;
            policy.RequirePassword = wanted.RequirePassword;
            policy.UpdatedAt = clock.GetUtcNow();
            policy.UpdatedBy = actor;
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
