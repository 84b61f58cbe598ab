using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Uploads;

/// <summary>
/// The part files of uploads in progress, <c>&lt;DataPath&gt;/uploads/&lt;id&gt;.part</c>, and one lock per
/// upload so that two PATCHes (or a PATCH and the purge) never write the same file at once.
/// </summary>
public sealed class PartFiles
{
    private const string Extension = ".part";
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

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

    /// <summary>Drops the lock of a finished upload; called while holding it, so nobody writes after.</summary>
    public void Forget(string id) => _locks.TryRemove(id, out _);

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
