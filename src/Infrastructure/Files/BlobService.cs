using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Files;

/// <summary>
/// Publishes staged blobs and records them, and deletes unreferenced ones, under a per-hash lock so
/// that a writer re-using a blob and the GC deleting it can never interleave.
/// </summary>
public sealed class BlobService(IBlobStore store, IDbContextFactory<StrataDbContext> dbFactory, TimeProvider clock)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    public IBlobStore Store => store;

    /// <summary>
    /// Streams content into the store and returns its hash and size. The blob is touched now, so the GC
    /// leaves it alone for the grace period in which the caller commits a version that references it.
    /// </summary>
    public async Task<(string Hash, long Size)> StoreAsync(Stream content, CancellationToken cancellationToken)
    {
        await using var staged = await store.StageAsync(content, cancellationToken);
        await PublishAsync(staged, cancellationToken);
        return (staged.Hash, staged.Size);
    }

    /// <summary>As <see cref="StoreAsync"/>, for a complete file on the blob store's volume (moved, not copied).</summary>
    public async Task<(string Hash, long Size)> StoreFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var staged = await store.StageFileAsync(path, cancellationToken);
        await PublishAsync(staged, cancellationToken);
        return (staged.Hash, staged.Size);
    }

    /// <summary>
    /// Deletes the blob if, at the moment of deletion, no version references it and nobody touched it
    /// since <paramref name="touchedBefore"/>. Returns whether it was deleted.
    /// </summary>
    public async Task<bool> DeleteIfUnreferencedAsync(string hash, DateTimeOffset touchedBefore, CancellationToken cancellationToken)
    {
        var gate = Locks.GetOrAdd(hash, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var deleted = await db.Blobs
                .Where(b => b.Hash == hash && b.TouchedAt < touchedBefore && !db.FileVersions.Any(v => v.ContentHash == hash))
                .ExecuteDeleteAsync(cancellationToken);
            if (deleted == 1)
            {
                await store.DeleteAsync(hash, cancellationToken);
            }

            return deleted == 1;
        }
        finally
        {
            gate.Release();
            Locks.TryRemove(new KeyValuePair<string, SemaphoreSlim>(hash, gate));
        }
    }

    private async Task PublishAsync(StagedBlob staged, CancellationToken cancellationToken)
    {
        var gate = Locks.GetOrAdd(staged.Hash, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await staged.CommitAsync(cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var touched = await db.Blobs.Where(b => b.Hash == staged.Hash)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.TouchedAt, now), cancellationToken);
            if (touched == 0)
            {
                db.Blobs.Add(new BlobRecord { Hash = staged.Hash, Size = staged.Size, TouchedAt = now });
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
