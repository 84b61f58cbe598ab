using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Uploads;

/// <summary>
/// The part files of uploads in progress, <c>&lt;DataPath&gt;/uploads/&lt;id&gt;.part</c>, one lock per
/// upload so that two PATCHes (or a PATCH and the purge) never write the same file at once, and the
/// running hash of each part file this process wrote from its first byte.
/// </summary>
public sealed class PartFiles
{
    private const string Extension = ".part";
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PartHash> _hashes = new(StringComparer.Ordinal);

    public PartFiles(IOptions<StrataOptions> strata)
    {
        ArgumentNullException.ThrowIfNull(strata);
        Folder = Path.Combine(strata.Value.FullDataPath, "uploads");
    }

    public string Folder { get; }

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Only ids this server could have issued ever reach the file system.</summary>
    public static bool IsWellFormed(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    public string PathOf(string id) => IsWellFormed(id)
        ? System.IO.Path.Combine(Folder, id + Extension)
        : throw new ArgumentException("Not an upload id.", nameof(id));

    /// <summary>Creates the empty part file durably (file and directory entry).</summary>
    public void Create(string id)
    {
        Directory.CreateDirectory(Folder);
        using (var file = new FileStream(PathOf(id), FileMode.CreateNew, FileAccess.Write))
        {
            file.Flush(flushToDisk: true);
        }

        DirectorySync.Flush(Folder);
    }

    /// <summary>
    /// Opens the part file for appending at <paramref name="durableOffset"/>. Bytes past it were written
    /// but never recorded (a crash between fsync and the database update), so they are cut off.
    /// Returns null when the file holds fewer bytes than recorded (it was lost).
    /// </summary>
    public FileStream? OpenForAppend(string id, long durableOffset)
    {
        var file = new FileStream(PathOf(id), new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.Write,
            Options = FileOptions.Asynchronous,
            BufferSize = 0,
        });
        if (file.Length < durableOffset)
        {
            file.Dispose();
            return null;
        }

        if (file.Length > durableOffset)
        {
            file.SetLength(durableOffset);
        }

        file.Position = durableOffset;
        return file;
    }

    public long LengthOf(string id) => File.Exists(PathOf(id)) ? new FileInfo(PathOf(id)).Length : 0;

    public void Delete(string id) => File.Delete(PathOf(id));

    /// <summary>Ids of part files not written since <paramref name="before"/> (orphans of a crash at creation).</summary>
    public IEnumerable<string> StaleIds(DateTimeOffset before) => Directory.Exists(Folder)
        ? Directory.EnumerateFiles(Folder, "*" + Extension)
            .Where(f => File.GetLastWriteTimeUtc(f) < before.UtcDateTime)
            .Select(f => System.IO.Path.GetFileNameWithoutExtension(f))
            .Where(IsWellFormed)
        : [];

    public async Task<IDisposable> LockAsync(string id, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    /// <summary>
    /// The running hash to extend with bytes appended at <paramref name="durableOffset"/>, or null when the
    /// part file will have to be hashed at completion. Kept only while it covers exactly the bytes before
    /// <paramref name="durableOffset"/>: it is gone after a restart, and ahead or behind after an append that
    /// failed before recording its bytes or a part file found short, so it is then dropped (and started
    /// afresh at offset 0). Call while holding the upload's lock, after the part file was cut back to the offset.
    /// </summary>
    public PartHash? HashForAppend(string id, long durableOffset)
    {
        if (_hashes.TryGetValue(id, out var hash) && hash.Length == durableOffset)
        {
            return hash;
        }

        DropHash(id);
        if (durableOffset != 0)
        {
            return null;
        }

        hash = new PartHash();
        _hashes[id] = hash;
        return hash;
    }

    /// <summary>The part file's SHA-256 when the running hash covers exactly its <paramref name="length"/> bytes; else null.</summary>
    public string? FinishedHash(string id, long length) =>
        _hashes.TryGetValue(id, out var hash) && hash.Length == length ? hash.Current() : null;

    /// <summary>Drops the lock and the running hash of a finished upload; called while holding the lock, so nobody writes after.</summary>
    public void Forget(string id)
    {
        _locks.TryRemove(id, out _);
        DropHash(id);
    }

    private void DropHash(string id)
    {
        if (_hashes.TryRemove(id, out var hash))
        {
            hash.Dispose();
        }
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
