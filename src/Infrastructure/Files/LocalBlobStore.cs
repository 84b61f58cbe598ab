using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Files;

/// <summary>
/// Blobs as files <c>ab/cd/abcd…</c> under one folder. Writes go to <c>tmp/</c>, are hashed while
/// streaming, fsynced and renamed into place, so a crash never leaves a partial blob under a hash.
/// Content up to the pack threshold is instead held in memory while it is hashed and appended to a shared volume
/// (<see cref="PackVolumes"/>, <c>packs/</c>), where one fsync makes many writes durable.
/// </summary>
public sealed class LocalBlobStore : IBlobStore, IDisposable
{
    private const int FirstStagingBuffer = 16 << 10;
    private readonly string _root;
    private readonly BlobStaging _staging;
    private readonly TimeProvider _clock;
    private readonly PackVolumes _packs;

    // The largest size that is packed; -1 when packing is off, so that not even empty content is.
    private readonly int _packLimit;

    // By the first two and four hex digits of a hash: shard folders and blob folders whose names this process synced.
    private readonly bool[] _durableShards = new bool[256];
    private readonly bool[] _durableFolders = new bool[256 * 256];

    /// <param name="root">The store's folder.</param>
    /// <param name="clock">Stamps packed blobs with their write time.</param>
    /// <param name="packThreshold">See <see cref="BlobStorageOptions.PackThreshold"/>.</param>
    /// <param name="packVolumeSize">See <see cref="BlobStorageOptions.PackVolumeSize"/>.</param>
    public LocalBlobStore(string root, TimeProvider clock, int packThreshold = BlobStorageOptions.DefaultPackThreshold, long packVolumeSize = BlobStorageOptions.DefaultPackVolumeSize)
    {
        _clock = clock;
        _root = Path.GetFullPath(root);
        _staging = new BlobStaging(Path.Combine(_root, "tmp"), clock);
        _packLimit = packThreshold > 0 ? packThreshold : -1;
        _packs = new PackVolumes(Path.Combine(_root, "packs"), packVolumeSize);
    }

    /// <inheritdoc/>
    /// <remarks>On the store's volume, so staging a file is a rename.</remarks>
    public string StagingFolder => _staging.Folder;

    /// <inheritdoc/>
    public async Task<StagedBlob> StageAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        // Room for the pack record's header in front, so that a small blob is appended from this very buffer.
        var buffer = ArrayPool<byte>.Shared.Rent(PackRecord.HeaderSize + Math.Min(_packLimit + 1, FirstStagingBuffer));
        try
        {
            var size = 0;
            while (size <= _packLimit)
            {
                if (PackRecord.HeaderSize + size == buffer.Length)
                {
                    buffer = Grow(buffer, PackRecord.HeaderSize + Math.Min(_packLimit + 1, 2 * size));
                }

                var wanted = Math.Min(buffer.Length - PackRecord.HeaderSize - size, _packLimit + 1 - size);
                var read = await content.ReadAsync(buffer.AsMemory(PackRecord.HeaderSize + size, wanted), cancellationToken);
                if (read == 0)
                {
                    var packed = new PackedStagedBlob(this, buffer, tempPath: null) { Hash = Convert.ToHexStringLower(sha.GetHashAndReset()), Size = size };
                    buffer = null;
                    return packed;
                }

                sha.AppendData(buffer, PackRecord.HeaderSize + size, read);
                size += read;
            }

            return await SpillAsync(content, sha, buffer.AsMemory(PackRecord.HeaderSize, size), cancellationToken);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Content past the pack threshold: what was read so far begins the temporary file, the rest follows.</summary>
    private async Task<StagedBlob> SpillAsync(Stream content, IncrementalHash sha, ReadOnlyMemory<byte> head, CancellationToken cancellationToken)
    {
        var tempPath = _staging.NewPath();
        try
        {
            long size;
            await using (var file = new FileStream(tempPath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 }))
            {
                await RandomAccess.WriteAsync(file.SafeFileHandle, head, 0, cancellationToken);
                size = await PipelinedWrite.CopyAsync(content, file.SafeFileHandle, sha, head.Length, cancellationToken);
            }

            return new LocalStagedBlob(this, tempPath) { Hash = Convert.ToHexStringLower(sha.GetHashAndReset()), Size = size };
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
    }

    private static byte[] Grow(byte[] buffer, int size)
    {
        var grown = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan().CopyTo(grown);
        ArrayPool<byte>.Shared.Return(buffer);
        return grown;
    }

    /// <inheritdoc/>
    public async Task<StagedBlob> StageFileAsync(string path, string? knownSha256, CancellationToken cancellationToken)
    {
        var tempPath = _staging.TakeOver(path, knownSha256);
        try
        {
            var length = new FileInfo(tempPath).Length;
            if (length <= _packLimit)
            {
                return await StagePackedFileAsync(tempPath, (int)length, knownSha256, cancellationToken);
            }

            var hash = knownSha256 ?? await BlobStaging.HashFileAsync(tempPath, cancellationToken);
            return new LocalStagedBlob(this, tempPath) { Hash = hash, Size = length };
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
    }

    // A small finished upload is packed like any small content; the file it came in goes once the blob is committed.
    private async Task<StagedBlob> StagePackedFileAsync(string tempPath, int length, string? knownSha256, CancellationToken cancellationToken)
    {
        var record = ArrayPool<byte>.Shared.Rent(PackRecord.HeaderSize + length);
        try
        {
            await using (var file = new FileStream(tempPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous))
            {
                await file.ReadExactlyAsync(record.AsMemory(PackRecord.HeaderSize, length), cancellationToken);
            }

            var hash = knownSha256 ?? Convert.ToHexStringLower(SHA256.HashData(record.AsSpan(PackRecord.HeaderSize, length)));
            return new PackedStagedBlob(this, record, tempPath) { Hash = hash, Size = length };
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(record);
            throw;
        }
    }

    /// <inheritdoc/>
    public Task<Stream> OpenReadAsync(string hash, CancellationToken cancellationToken) => Task.FromResult(OpenRead(hash));

    /// <inheritdoc/>
    public Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken) => Task.FromResult(Exists(hash));

    private Stream OpenRead(string hash)
    {
        var path = PathOf(hash);
        try
        {
            return _packs.TryOpen(BlobKey.FromHex(hash))
                ?? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (DirectoryNotFoundException e)
        {
            // A packed blob, once deleted, never had its ab/cd folder: it is as missing as any other.
            throw new FileNotFoundException("No such blob.", path, e);
        }
    }

    private bool Exists(string hash)
    {
        var path = PathOf(hash);
        return _packs.Contains(BlobKey.FromHex(hash)) || File.Exists(path);
    }

    /// <inheritdoc/>
    public string? LocalPathOf(string hash)
    {
        var path = PathOf(hash);
        return _packs.Contains(BlobKey.FromHex(hash)) ? null : path;
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string hash, CancellationToken cancellationToken)
    {
        var path = PathOf(hash);

        // Both kinds: a commit racing another of the same content (outside BlobService's lock) may have made both.
        _packs.Delete(BlobKey.FromHex(hash));
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<int> CompactAsync(CancellationToken cancellationToken) => _packs.CompactAsync(cancellationToken);

    public void Dispose() => _packs.Dispose();

    /// <inheritdoc/>
    public async IAsyncEnumerable<(string Hash, DateTimeOffset WrittenAt)> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file);
            if (BlobStaging.IsHash(name) && Path.GetDirectoryName(file) == Path.GetDirectoryName(PathOf(name)))
            {
                yield return (name, File.GetLastWriteTimeUtc(file));
            }
        }

        foreach (var packed in _packs.List())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return packed;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<int> DeleteStaleTempFilesAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken) =>
        _staging.DeleteStaleAsync(writtenBefore, cancellationToken);

    private string PathOf(string hash)
    {
        if (!BlobStaging.IsHash(hash))
        {
            throw new ArgumentException("Not a SHA-256 hex digest.", nameof(hash));
        }

        return Path.Combine(_root, hash[..2], hash[2..4], hash);
    }

    /// <summary>
    /// A blob's folder has its own name in its shard folder, and the shard its name in the root; strict POSIX
    /// filesystems keep a new name only once its parent is synced (ext4 and XFS carry it in their next journal commit
    /// anyway). Done once per folder per process, whoever created it: a folder seen to exist may have been made a
    /// moment ago by a writer that has not synced its parent yet. Racing writers may both sync; that is harmless.
    /// </summary>
    private void SyncParentsOnce(string hash, string folder)
    {
        var folderIndex = Convert.ToInt32(hash[..4], 16);
        if (Volatile.Read(ref _durableFolders[folderIndex]))
        {
            return;
        }

        var shardIndex = folderIndex >> 8;
        if (!Volatile.Read(ref _durableShards[shardIndex]))
        {
            DirectorySync.Flush(_root);
            Volatile.Write(ref _durableShards[shardIndex], true);
        }

        DirectorySync.Flush(Path.GetDirectoryName(folder)!);
        Volatile.Write(ref _durableFolders[folderIndex], true);
    }

    private sealed class LocalStagedBlob(LocalBlobStore store, string tempPath) : StagedBlob
    {
        private bool _committed;

        public override Task<bool> CommitAsync(CancellationToken cancellationToken)
        {
            var target = store.PathOf(Hash);
            var created = !File.Exists(target) && !store._packs.Contains(BlobKey.FromHex(Hash));
            if (created)
            {
                var folder = Path.GetDirectoryName(target)!;
                Directory.CreateDirectory(folder);
                File.Move(tempPath, target, overwrite: true);
                DirectorySync.Flush(folder);
                store.SyncParentsOnce(Hash, folder);
                CrashPoints.Reach("blob.renamed");
            }
            else
            {
                File.Delete(tempPath);
            }

            _committed = true;
            return Task.FromResult(created);
        }

        // Only an uncommitted blob has a temp file left to remove (an unlink of nothing still walks the path).
        public override ValueTask DisposeAsync()
        {
            if (!_committed)
            {
                File.Delete(tempPath);
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Content in a pooled buffer, its first bytes left for the pack record's header.</summary>
    private sealed class PackedStagedBlob(LocalBlobStore store, byte[] record, string? tempPath) : StagedBlob
    {
        private byte[]? _record = record;

        public override async Task<bool> CommitAsync(CancellationToken cancellationToken)
        {
            var record = _record ?? throw new InvalidOperationException("The blob was committed or disposed already.");
            var created = !store.Exists(Hash)
                && await store._packs.AppendAsync(BlobKey.FromHex(Hash), record, (int)Size, store._clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
            await DisposeAsync();
            return created;
        }

        public override ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _record, null) is { } buffer)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                if (tempPath is not null)
                {
                    File.Delete(tempPath);
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
