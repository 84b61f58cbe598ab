using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Trash;

namespace Strata.Workers.Trash;

/// <summary>Purges trash older than the retention; the blobs it frees are collected by the blob GC after its grace.</summary>
public sealed class TrashPurgeJob(TrashService trash, TimeProvider clock, IOptions<TrashOptions> options, ILogger<TrashPurgeJob> logger)
{
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var purged = await trash.PurgeTrashedBeforeAsync(clock.GetUtcNow() - options.Value.Retention, cancellationToken);
        logger.LogInformation("Trash purge: {Count} items past retention purged", purged);
        return purged;
    }
}
