using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Telemetry;

namespace Strata.Infrastructure.Files;

/// <summary>
/// Publishes staged blobs, and deletes unreferenced ones, under a per-hash lock so that a writer re-using a blob and
/// the GC deleting it can never interleave. Between its publication and the commit of a version that references it,
/// a blob is spared by the GC's grace period: a new one by its file's time, a re-used one (whose file may be old) by
/// a record touched now.
/// </summary>
public sealed class BlobService(IBlobStore store, IDbContextFactory<StrataDbContext> dbFactory, TimeProvider clock, StrataMetrics metrics)
{
    /// <summary>Striped by hash prefix: bounded memory, and two hashes rarely share a stripe.</summary>
    private static readonly SemaphoreSlim[] Stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public IBlobStore Store => store;

    /// <summary>
    /// Streams content into the store and returns its hash and size. The GC leaves the blob alone for the grace
    /// period, in which the caller commits a version that references it.
    /// </summary>
    public async Task<(string Hash, long Size)> StoreAsync(Stream content, CancellationToken cancellationToken)
    {
        await using var staged = await store.StageAsync(content, cancellationToken);
        await PublishAsync(staged, cancellationToken);
        return (staged.Hash, staged.Size);
    }

    /// <summary>
    /// As <see cref="StoreAsync"/>, for a complete file on the blob store's volume (moved, not copied), whose
    /// SHA-256 the writer may already know (see <see cref="IBlobStore.StageFileAsync"/>).
    /// </summary>
    public async Task<(string Hash, long Size)> StoreFileAsync(string path, string? knownSha256, CancellationToken cancellationToken)
    {
        await using var staged = await store.StageFileAsync(path, knownSha256, cancellationToken);
        await PublishAsync(staged, cancellationToken);
        return (staged.Hash, staged.Size);
    }

    /// <summary>
    /// Deletes the blob if, at the moment of deletion, no version or rendition references it and nobody touched it
    /// since <paramref name="touchedBefore"/>. Returns whether it was deleted.
    /// </summary>
    public Task<bool> DeleteIfUnreferencedAsync(string hash, DateTimeOffset touchedBefore, CancellationToken cancellationToken) =>
        UnderLockAsync(hash, async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var deleted = await db.Blobs
                .Where(b => b.Hash == hash && b.TouchedAt < touchedBefore && !db.FileVersions.Any(v => v.ContentHash == hash) && !db.Renditions.Any(r => r.BlobHash == hash))
                .ExecuteDeleteAsync(cancellationToken);
            if (deleted == 1)
            {
                await store.DeleteAsync(hash, cancellationToken);
            }

            return deleted == 1;
        }, cancellationToken);

    /// <summary>
    /// Deletes a stored blob that has no record (new content is recorded only when it is re-used), unless it was
    /// recorded or referenced (by a version or a rendition) meanwhile. Returns whether it was deleted.
    /// </summary>
    public Task<bool> DeleteOrphanAsync(string hash, CancellationToken cancellationToken) =>
        UnderLockAsync(hash, async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await db.Blobs.AnyAsync(b => b.Hash == hash, cancellationToken)
                || await db.FileVersions.AnyAsync(v => v.ContentHash == hash, cancellationToken)
                || await db.Renditions.AnyAsync(r => r.BlobHash == hash, cancellationToken))
            {
                return false;
            }

            await store.DeleteAsync(hash, cancellationToken);
            return true;
        }, cancellationToken);

    private Task<bool> PublishAsync(StagedBlob staged, CancellationToken cancellationToken) =>
        UnderLockAsync(staged.Hash, async () =>
        {
            // New content needs no record, its file time spares it: a small upload saves two write transactions.
            var started = clock.GetTimestamp();
            var committed = await staged.CommitAsync(cancellationToken);
            metrics.BlobCommitDuration.Record(clock.GetElapsedTime(started).TotalSeconds);
            if (committed)
            {
                return true;
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

            // The record only guards the blob until a version refers to it, and that version commits after it. Lost
            // in a crash before then, it leaves a blob without a record, which the orphan sweep deletes.
            db.DurableWithLaterCommit = true;
            var now = clock.GetUtcNow();
            var touched = await db.Blobs.Where(b => b.Hash == staged.Hash)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.TouchedAt, now), cancellationToken);
            if (touched == 0)
            {
                db.Blobs.Add(new BlobRecord { Hash = staged.Hash, Size = staged.Size, TouchedAt = now });
                await db.SaveChangesAsync(cancellationToken);
            }

            return true;
        }, cancellationToken);

    private static async Task<T> UnderLockAsync<T>(string hash, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        var stripe = Stripes[Convert.ToByte(hash[..2], 16)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            stripe.Release();
        }
    }
}
