using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Strata.Infrastructure.Files;

/// <summary>
/// Blobs as objects <c>ab/cd/abcd…</c> in an object store, for hosts that share one store (docs/decisions/0029).
/// Content is hashed into a local staging file first, since an object's name is its hash; the upload is published
/// whole or not at all, so a crash never leaves a partial blob under a hash. Each blob is an object of its own: stores
/// bill and scale by request, not by file, so small content is not packed.
/// </summary>
public sealed class ObjectBlobStore : IBlobStore
{
    private readonly IObjectBucket _bucket;
    private readonly BlobStaging _staging;

    /// <param name="bucket">The container or bucket.</param>
    /// <param name="stagingFolder">A folder on this machine for content on its way in.</param>
    /// <param name="clock">Stamps uploads taken over, whose time starts their grace period.</param>
    public ObjectBlobStore(IObjectBucket bucket, string stagingFolder, TimeProvider clock)
    {
        _bucket = bucket;
        _staging = new BlobStaging(stagingFolder, clock);
    }

    /// <inheritdoc/>
    public string StagingFolder => _staging.Folder;

    /// <inheritdoc/>
    public async Task<StagedBlob> StageAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var tempPath = _staging.NewPath();
        try
        {
            long size;
            await using (var file = new FileStream(tempPath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 }))
            {
                size = await PipelinedWrite.CopyAsync(content, file.SafeFileHandle, sha, 0, cancellationToken);
            }

            return new ObjectStagedBlob(this, tempPath) { Hash = Convert.ToHexStringLower(sha.GetHashAndReset()), Size = size };
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<StagedBlob> StageFileAsync(string path, string? knownSha256, CancellationToken cancellationToken)
    {
        var tempPath = _staging.TakeOver(path, knownSha256);
        try
        {
            var hash = knownSha256 ?? await BlobStaging.HashFileAsync(tempPath, cancellationToken);
            return new ObjectStagedBlob(this, tempPath) { Hash = hash, Size = new FileInfo(tempPath).Length };
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<Stream> OpenReadAsync(string hash, CancellationToken cancellationToken)
    {
        var key = KeyOf(hash);
        return await _bucket.GetLengthAsync(key, cancellationToken) is { } length
            ? new ObjectReadStream(_bucket, key, length)
            : throw new FileNotFoundException("No such blob.", hash);
    }

    /// <inheritdoc/>
    public async Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken) =>
        await _bucket.GetLengthAsync(KeyOf(hash), cancellationToken) is not null;

    /// <inheritdoc/>
    public string? LocalPathOf(string hash) => null;

    /// <inheritdoc/>
    public Task DeleteAsync(string hash, CancellationToken cancellationToken) => _bucket.DeleteAsync(KeyOf(hash), cancellationToken);

    /// <inheritdoc/>
    public Task<int> DeleteStaleTempFilesAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken) =>
        _staging.DeleteStaleAsync(writtenBefore, cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<(string Hash, DateTimeOffset WrittenAt)> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (key, writtenAt) in _bucket.ListAsync(string.Empty, cancellationToken))
        {
            var hash = key[(key.LastIndexOf('/') + 1)..];
            if (BlobStaging.IsHash(hash) && key == KeyOf(hash))
            {
                yield return (hash, writtenAt);
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>No object holds more than one blob, so there is nothing to compact.</remarks>
    public Task<int> CompactAsync(CancellationToken cancellationToken) => Task.FromResult(0);

    /// <summary>The key of a blob, sharded as on a local disk so that a moved install keeps its layout.</summary>
    public static string KeyOf(string hash) =>
        BlobStaging.IsHash(hash) ? $"{hash[..2]}/{hash[2..4]}/{hash}" : throw new ArgumentException("Not a SHA-256 hex digest.", nameof(hash));

    private sealed class ObjectStagedBlob(ObjectBlobStore store, string tempPath) : StagedBlob
    {
        public override async Task<bool> CommitAsync(CancellationToken cancellationToken)
        {
            var key = KeyOf(Hash);
            if (await store._bucket.GetLengthAsync(key, cancellationToken) is not null)
            {
                return false;
            }

            // Two hosts storing the same content at once both upload it; the bytes are the same, so either is right.
            await store._bucket.UploadAsync(key, tempPath, cancellationToken);
            return true;
        }

        public override ValueTask DisposeAsync()
        {
            File.Delete(tempPath);
            return ValueTask.CompletedTask;
        }
    }
}
