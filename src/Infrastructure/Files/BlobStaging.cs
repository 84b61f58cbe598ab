using System.Security.Cryptography;

namespace Strata.Infrastructure.Files;

/// <summary>
/// A blob store's staging folder: content is written here under random names before it is published, finished
/// uploads are taken over into it, and what a crash left behind is swept from it.
/// </summary>
internal sealed class BlobStaging
{
    private const int HashBufferSize = 1 << 20;
    private readonly TimeProvider _clock;

    public BlobStaging(string folder, TimeProvider clock)
    {
        Folder = folder;
        _clock = clock;
        Directory.CreateDirectory(folder);
    }

    public string Folder { get; }

    public string NewPath() => Path.Combine(Folder, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    /// <summary>
    /// Moves a finished file (an upload) to a staging name and returns that name. Its time becomes now: a blob's file
    /// time starts its grace period (<see cref="IBlobStore.ListAsync"/>), and an upload's is that of its last write.
    /// </summary>
    public string TakeOver(string path, string? knownSha256)
    {
        if (knownSha256 is not null && !IsHash(knownSha256))
        {
            throw new ArgumentException("Not a lowercase SHA-256 hex digest.", nameof(knownSha256));
        }

        var staged = NewPath();
        File.Move(path, staged);
        File.SetLastWriteTimeUtc(staged, _clock.GetUtcNow().UtcDateTime);
        return staged;
    }

    public static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, HashBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    /// <summary>Deletes staging files older than the cutoff; only names this class gave, since other features (resumable uploads) keep their files here too.</summary>
    public Task<int> DeleteStaleAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsTempName(Path.GetFileName(file)) && File.GetLastWriteTimeUtc(file) < writtenBefore.UtcDateTime)
            {
                File.Delete(file);
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }

    public static bool IsHash(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);

    private static bool IsTempName(string name) => name.Length == 32 && name.All(char.IsAsciiHexDigitLower);
}
