using System.Security.Cryptography;

namespace Strata.Infrastructure.Files;

/// <summary>
/// A blob as a file on this machine, for parsers that read synchronously and native tools that open a file by name:
/// the store's own file where it has one, else a copy in its staging folder, deleted on dispose (and by the GC's sweep
/// of stale staging files, should the process die first).
/// </summary>
public sealed class LocalBlobFile : IAsyncDisposable
{
    private readonly bool _isCopy;

    private LocalBlobFile(string path, bool isCopy)
    {
        Path = path;
        _isCopy = isCopy;
    }

    public string Path { get; }

    /// <summary>The blob's file, or null when the blob is not stored.</summary>
    public static async Task<LocalBlobFile?> ObtainAsync(IBlobStore store, string hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (OwnFile(store, hash) is { } own)
        {
            return own;
        }

        Stream content;
        try
        {
            content = await store.OpenReadAsync(hash, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        await using (content)
        {
            return await CopyAsync(store, content, cancellationToken);
        }
    }

    /// <summary>The blob's file, for a caller that has opened the blob already (to look at its length, say): copied from <paramref name="content"/> only when the store has no file.</summary>
    public static async Task<LocalBlobFile> FromOpenedAsync(IBlobStore store, string hash, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(content);
        return OwnFile(store, hash) ?? await CopyAsync(store, content, cancellationToken);
    }

    private static LocalBlobFile? OwnFile(IBlobStore store, string hash) =>
        store.LocalPathOf(hash) is { } path && File.Exists(path) ? new LocalBlobFile(path, isCopy: false) : null;

    private static async Task<LocalBlobFile> CopyAsync(IBlobStore store, Stream content, CancellationToken cancellationToken)
    {
        // A staging name, so that a copy outliving a crash is swept like any interrupted write.
        var copy = System.IO.Path.Combine(store.StagingFolder, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        try
        {
            await using var target = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await content.CopyToAsync(target, 1 << 20, cancellationToken);
        }
        catch
        {
            File.Delete(copy);
            throw;
        }

        return new LocalBlobFile(copy, isCopy: true);
    }

    /// <summary>A seekable stream over the file; synchronous reads allowed.</summary>
    public Stream Open() =>
        new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);

    public ValueTask DisposeAsync()
    {
        if (_isCopy)
        {
            File.Delete(Path);
        }

        return ValueTask.CompletedTask;
    }
}
