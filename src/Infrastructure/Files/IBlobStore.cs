namespace Strata.Infrastructure.Files;

/// <summary>
/// Content-addressed storage: a blob is named by the lowercase hex SHA-256 of its bytes, written once,
/// never modified. Implementations must make a blob visible only when it is complete and durable.
/// </summary>
public interface IBlobStore
{
    /// <summary>
    /// Streams <paramref name="content"/> to a temporary location while hashing it. Nothing is visible
    /// under any hash until <see cref="StagedBlob.CommitAsync"/> is called.
    /// </summary>
    Task<StagedBlob> StageAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Takes ownership of a complete file in <see cref="StagingFolder"/> (a finished resumable upload). Its hash is
    /// <paramref name="knownSha256"/> (lowercase hex) when the writer computed it on the way in; that value is
    /// trusted, not checked, since a wrong one would file the content under another hash. When null, the file
    /// is read and hashed here. The size is always the file's.
    /// </summary>
    Task<StagedBlob> StageFileAsync(string path, string? knownSha256, CancellationToken cancellationToken);

    /// <summary>A folder on this machine where files to be staged are written (by resumable uploads, say) and local copies kept.</summary>
    string StagingFolder { get; }

    /// <summary>
    /// Opens a stored blob for reading; seekable, so Range requests read only what they need. Read it asynchronously:
    /// a stream from an object store refuses synchronous reads (see <see cref="LocalBlobFile"/> for code that needs them).
    /// </summary>
    /// <exception cref="FileNotFoundException">The blob does not exist.</exception>
    Task<Stream> OpenReadAsync(string hash, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken);

    /// <summary>
    /// The blob's path on a local disk, for native tools (ffmpeg, pdftoppm) that seek in a file by name; null when the
    /// store keeps blobs elsewhere, and the caller copies the stream to a temporary file instead.
    /// </summary>
    string? LocalPathOf(string hash);

    /// <summary>Deletes a blob; succeeds when it is already gone.</summary>
    Task DeleteAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Removes staging files left by interrupted writes (a crash, a killed process) older than the cutoff.</summary>
    Task<int> DeleteStaleTempFilesAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Every stored hash with the time it was written (for the GC's orphan sweep). A blob's content was written, or its
    /// file staged, at most moments before it was committed: that time is what spares a new blob during the grace period.
    /// </summary>
    IAsyncEnumerable<(string Hash, DateTimeOffset WrittenAt)> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reclaims the space of deleted blobs that shared a file with others; every other blob stays readable throughout,
    /// also through streams opened before. Returns how many shared files were rewritten.
    /// </summary>
    Task<int> CompactAsync(CancellationToken cancellationToken);
}

/// <summary>Hashed content, fsynced in a temporary file or held in memory, awaiting its atomic publication in the store.</summary>
public abstract class StagedBlob : IAsyncDisposable
{
    public required string Hash { get; init; }

    public required long Size { get; init; }

    /// <summary>
    /// Atomically and durably publishes the blob under its hash: once this returns, a crash does not lose it. Returns
    /// false, having changed nothing, when identical content is already stored.
    /// </summary>
    public abstract Task<bool> CommitAsync(CancellationToken cancellationToken);

    /// <summary>Removes the temporary file or buffer if it was not committed.</summary>
    public abstract ValueTask DisposeAsync();
}
