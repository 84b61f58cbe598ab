using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Previews;

namespace Strata.Workers.Blobs;

/// <summary>
/// Deletes blobs no version references once they have been left alone for the grace period (which covers uploads
/// that stored a blob and are about to reference it): recorded ones (content that was re-used) by the time of their
/// record, the others (orphans) by the time of their file; and abandoned staging files. The renditions of content no
/// version references go first, so that their blobs are collected in the same run. Last, the space the deleted small
/// blobs held in shared volumes is reclaimed (<see cref="IBlobStore.CompactAsync"/>).
/// </summary>
public sealed class BlobGarbageCollectionJob(
    IDbContextFactory<StrataDbContext> dbFactory,
    BlobService blobs,
    RenditionService renditions,
    TimeProvider clock,
    IOptions<BlobStorageOptions> options,
    ILogger<BlobGarbageCollectionJob> logger)
{
    private const int BatchSize = 500;

    // One collector at a time across every worker host (the lock is the job storage's): two would delete and compact
    // the same volumes under each other.
    [DisableConcurrentExecution(timeoutInSeconds: 10 * 60)]
    public async Task<BlobGcReport> ExecuteAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.GracePeriod;
        var renditionsDeleted = await renditions.DeleteOrphanedAsync(cancellationToken);
        var unreferenced = await DeleteUnreferencedAsync(cutoff, cancellationToken);
        var orphans = await DeleteOrphansAsync(cutoff, cancellationToken);
        var temp = await blobs.Store.DeleteStaleTempFilesAsync(cutoff, cancellationToken);
        var compacted = await blobs.Store.CompactAsync(cancellationToken);
        var report = new BlobGcReport(unreferenced, orphans, temp, renditionsDeleted, compacted);
        logger.LogInformation(
            "Blob GC: {Unreferenced} unreferenced, {Orphans} orphaned blobs, {Temp} stale temp files and {Renditions} renditions of unreferenced content deleted, {Compacted} pack volumes compacted",
            unreferenced, orphans, temp, renditionsDeleted, compacted);
        return report;
    }

    private async Task<int> DeleteUnreferencedAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Blobs.AsNoTracking()
            .Where(b => b.TouchedAt < cutoff && !db.FileVersions.Any(v => v.ContentHash == b.Hash) && !db.Renditions.Any(r => r.BlobHash == b.Hash))
            .Select(b => b.Hash)
            .ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var hash in candidates)
        {
            deleted += await blobs.DeleteIfUnreferencedAsync(hash, cutoff, cancellationToken) ? 1 : 0;
        }

        return deleted;
    }

    private async Task<int> DeleteOrphansAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var batch = new List<string>(BatchSize);
        await foreach (var (hash, writtenAt) in blobs.Store.ListAsync(cancellationToken))
        {
            if (writtenAt < cutoff)
            {
                batch.Add(hash);
            }

            if (batch.Count == BatchSize)
            {
                deleted += await DeleteUnrecordedAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        return deleted + await DeleteUnrecordedAsync(batch, cancellationToken);
    }

    // Most stored blobs are referenced and have no record (new content is recorded only when re-used): one query per
    // batch sets them aside, and only the rest are checked one by one under their lock.
    private async Task<int> DeleteUnrecordedAsync(List<string> hashes, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var kept = await db.Blobs.Where(b => hashes.Contains(b.Hash)).Select(b => b.Hash)
            .Union(db.FileVersions.Where(v => hashes.Contains(v.ContentHash)).Select(v => v.ContentHash))
            .Union(db.Renditions.Where(r => r.BlobHash != null && hashes.Contains(r.BlobHash)).Select(r => r.BlobHash!))
            .ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var hash in hashes.Except(kept))
        {
            deleted += await blobs.DeleteOrphanAsync(hash, cancellationToken) ? 1 : 0;
        }

        return deleted;
    }
}

public sealed record BlobGcReport(int Unreferenced, int Orphans, int TempFiles, int Renditions = 0, int VolumesCompacted = 0);
