using System.Buffers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Dav;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Checksums;

/// <summary>A listed file's content: its hash, its size and its checksums when they are recorded.</summary>
public sealed record ListedContent(string ContentHash, long Size, BlobChecksum? Checksums);

/// <summary>
/// The SHA-1 and MD5 of content (<see cref="BlobChecksum"/>) for every front door: read in one query per listing,
/// computed by streaming the stored blob, recorded in batches.
/// </summary>
public sealed class ContentChecksums(IDbContextFactory<StrataDbContext> dbFactory, IBlobStore blobs, ChecksumBacklog backlog, IOptions<DavOptions> options)
{
    private const int BufferSize = 1 << 20;
    private const int MaxRecordAttempts = 3;

    public async Task<BlobChecksum?> GetAsync(string contentHash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BlobChecksums.AsNoTracking().FirstOrDefaultAsync(c => c.ContentHash == contentHash, cancellationToken);
    }

    /// <summary>The content of a folder's live files with their checksums where recorded, in one query.</summary>
    public async Task<IReadOnlyList<ListedContent>> ForChildrenAsync(long folderId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Nodes.AsNoTracking()
            .Where(n => n.ParentId == folderId && n.TrashedAt == null && n.ContentHash != null)
            .LeftJoin(db.BlobChecksums, n => n.ContentHash, c => c.ContentHash, (n, c) => new ListedContent(n.ContentHash!, n.Size, c))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The checksums of <paramref name="contents"/>, keyed by content hash: those recorded, and those missing computed
    /// here while the content is small and the request's budget lasts. What was computed is left to the filler to
    /// record in a batch (a listing stays a read, with no write lock and no insert per file); the rest is queued for
    /// the filler to hash and absent from the answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, BlobChecksum>> CompleteAsync(IEnumerable<ListedContent> contents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var settings = options.Value;
        var budget = settings.InlineChecksumBudgetBytes;
        var answer = new Dictionary<string, BlobChecksum>(StringComparer.Ordinal);
        var queued = new HashSet<string>(StringComparer.Ordinal);
        foreach (var content in contents)
        {
            if (content.Checksums is { } known)
            {
                answer[content.ContentHash] = known;
            }
            else if (answer.ContainsKey(content.ContentHash) || queued.Contains(content.ContentHash))
            {
                continue;
            }
            else if (content.Size <= settings.InlineChecksumMaxBytes && content.Size <= budget
                && await ComputeAsync(content.ContentHash, cancellationToken) is { } fresh)
            {
                budget -= content.Size;
                answer[content.ContentHash] = fresh;
                backlog.Add(fresh);
            }
            else
            {
                // Usually queued at commit already; this covers content the queue dropped and the filler has not swept.
                queued.Add(content.ContentHash);
                backlog.Add(content.ContentHash);
            }
        }

        return answer;
    }

    /// <summary>Reads the blob once through SHA-1 and MD5; null when it is no longer stored (collected meanwhile).</summary>
    public async Task<BlobChecksum?> ComputeAsync(string contentHash, CancellationToken cancellationToken)
    {
        Stream content;
        try
        {
            content = await blobs.OpenReadAsync(contentHash, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        await using (content)
        {
#pragma warning disable CA5350, CA5351 // The hashes ownCloud clients and rclone compare by, not a security measure.
            using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5350, CA5351
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    sha1.AppendData(buffer, 0, read);
                    md5.AppendData(buffer, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return new BlobChecksum { ContentHash = contentHash, Sha1 = Convert.ToHexStringLower(sha1.GetHashAndReset()), Md5 = Convert.ToHexStringLower(md5.GetHashAndReset()) };
        }
    }

    /// <summary>
    /// Records at most a batch of checksums in one transaction, leaving out those already recorded (idempotent: the same content always has the
    /// same hashes, so a concurrent writer that recorded one first recorded the same values).
    /// </summary>
    public async Task RecordAsync(IReadOnlyCollection<BlobChecksum> checksums, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checksums);
        if (checksums.Count == 0)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var hashes = checksums.Select(c => c.ContentHash).Distinct(StringComparer.Ordinal).ToList();
            var recorded = await db.BlobChecksums.Where(c => hashes.Contains(c.ContentHash)).Select(c => c.ContentHash).ToListAsync(cancellationToken);
            db.BlobChecksums.AddRange(checksums.DistinctBy(c => c.ContentHash, StringComparer.Ordinal).ExceptBy(recorded, c => c.ContentHash, StringComparer.Ordinal)
                .Select(c => new BlobChecksum { ContentHash = c.ContentHash, Sha1 = c.Sha1, Md5 = c.Md5 }));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < MaxRecordAttempts)
            {
                // Another writer recorded some of the same content between the read and the insert: read again.
            }
        }
    }

    /// <summary>Those of <paramref name="contentHashes"/> that have no checksums yet, each once, in one query.</summary>
    public async Task<IReadOnlyList<string>> UncheckedAsync(IReadOnlyCollection<string> contentHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contentHashes);
        var distinct = contentHashes.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var recorded = await db.BlobChecksums.Where(c => distinct.Contains(c.ContentHash)).Select(c => c.ContentHash).ToListAsync(cancellationToken);
        return distinct.Except(recorded, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// One page of committed content (any version's) without checksums, in hash order after <paramref name="after"/>:
    /// a keyset over the versions' content-hash index, so a sweep costs one query per page however many there are.
    /// </summary>
    public async Task<IReadOnlyList<string>> UncheckedPageAsync(string after, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FileVersions.AsNoTracking()
            .Select(v => v.ContentHash)
            .Where(h => h.CompareTo(after) > 0 && !db.BlobChecksums.Any(c => c.ContentHash == h))
            .Distinct()
            .OrderBy(h => h)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
    }
}
