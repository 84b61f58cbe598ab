using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Strata.Infrastructure.Files;

/// <summary>
/// Blobs as files <c>ab/cd/abcd…</c> under one folder. Writes go to <c>tmp/</c>, are hashed while
/// streaming, fsynced and renamed into place, so a crash never leaves a partial blob under a hash.
/// </summary>
public sealed class LocalBlobStore : IBlobStore
{
    private const int BufferSize = 1 << 20;
    private readonly string _root;
    private readonly string _temp;
    private readonly TimeProvider _clock;

    // By the first two and four hex digits of a hash: shard folders and blob folders whose names this process synced.
    private readonly bool[] _durableShards = new bool[256];
    private readonly bool[] _durableFolders = new bool[256 * 256];

    public LocalBlobStore(string root, TimeProvider clock)
    {
        _clock = clock;
        _root = Path.GetFullPath(root);
        _temp = Path.Combine(_root, "tmp");
        Directory.CreateDirectory(_temp);
    }

    /// <summary>Folder for temporary files that will be staged into this store (same volume, so staging is a rename).</summary>
    public string TempFolder => _temp;

    /// <inheritdoc/>
    public async Task<StagedBlob> StageAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var tempPath = NewTempPath();
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size;
            await using (var file = new FileStream(tempPath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 }))
            {
                size = await PipelinedWrite.CopyAsync(content, file.SafeFileHandle, sha, cancellationToken);
            }

            return new LocalStagedBlob(this, tempPath) { Hash = Convert.ToHexStringLower(sha.GetHashAndReset()), Size = size };
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
        if (knownSha256 is not null && !IsHash(knownSha256))
        {
            throw new ArgumentException("Not a lowercase SHA-256 hex digest.", nameof(knownSha256));
        }

        var tempPath = NewTempPath();
        File.Move(path, tempPath);

        // A blob's file time starts its grace period (IBlobStore.ListAsync); an upload's file has that of its last write.
        File.SetLastWriteTimeUtc(tempPath, _clock.GetUtcNow().UtcDateTime);
        try
        {
            if (knownSha256 is not null)
            {
                return new LocalStagedBlob(this, tempPath) { Hash = knownSha256, Size = new FileInfo(tempPath).Length };
            }

            await using var file = new FileStream(tempPath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var hash = await SHA256.HashDataAsync(file, cancellationToken);
            return new LocalStagedBlob(this, tempPath) { Hash = Convert.ToHexStringLower(hash), Size = file.Length };
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
    }

    /// <inheritdoc/>
    public Stream OpenRead(string hash) =>
        new FileStream(PathOf(hash), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <inheritdoc/>
    public bool Exists(string hash) => File.Exists(PathOf(hash));

    /// <inheritdoc/>
    public string? LocalPathOf(string hash) => PathOf(hash);

    /// <inheritdoc/>
    public Task DeleteAsync(string hash, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(hash));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<(string Hash, DateTimeOffset WrittenAt)> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file);
            if (IsHash(name) && Path.GetDirectoryName(file) == Path.GetDirectoryName(PathOf(name)))
            {
                yield return (name, File.GetLastWriteTimeUtc(file));
            }
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<int> DeleteStaleTempFilesAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(_temp))
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Only our own staging names: other features (resumable uploads) keep their files here too.
            if (IsTempName(Path.GetFileName(file)) && File.GetLastWriteTimeUtc(file) < writtenBefore.UtcDateTime)
            {
                File.Delete(file);
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }

    private static bool IsTempName(string name) => name.Length == 32 && name.All(char.IsAsciiHexDigitLower);

    private string NewTempPath() => Path.Combine(_temp, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    private string PathOf(string hash)
    {
        if (!IsHash(hash))
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

    private static bool IsHash(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);

    private sealed class LocalStagedBlob(LocalBlobStore store, string tempPath) : StagedBlob
    {
        private bool _committed;

        public override Task<bool> CommitAsync(CancellationToken cancellationToken)
        {
            var target = store.PathOf(Hash);
            var created = !File.Exists(target);
            if (created)
            {
                var folder = Path.GetDirectoryName(target)!;
                Directory.CreateDirectory(folder);
                File.Move(tempPath, target, overwrite: true);
                DirectorySync.Flush(folder);
                store.SyncParentsOnce(Hash, folder);
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
}
