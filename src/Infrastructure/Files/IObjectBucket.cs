namespace Strata.Infrastructure.Files;

/// <summary>
/// What <see cref="ObjectBlobStore"/> needs of an object store (Azure Blob Storage, S3): whole objects that become
/// visible only once complete, read from any offset, listed. Keys are plain names; the bucket adds nothing to them.
/// </summary>
public interface IObjectBucket
{
    /// <summary>Creates the container or bucket when it does not exist; throws when the store cannot be reached.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);

    /// <summary>The object's length, or null when there is none under <paramref name="key"/>.</summary>
    Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes the file at <paramref name="path"/> under <paramref name="key"/>: readers see it only once whole, and it is durable when this returns.</summary>
    Task UploadAsync(string key, string path, CancellationToken cancellationToken);

    /// <summary>The object's bytes from <paramref name="offset"/> (less than its length) to its end, streamed as they arrive.</summary>
    /// <exception cref="FileNotFoundException">There is no object under <paramref name="key"/>.</exception>
    Task<Stream> ReadFromAsync(string key, long offset, CancellationToken cancellationToken);

    /// <summary>Deletes the object; succeeds when it is already gone.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every object whose key begins with <paramref name="prefix"/>, with the time it was written.</summary>
    IAsyncEnumerable<(string Key, DateTimeOffset WrittenAt)> ListAsync(string prefix, CancellationToken cancellationToken);
}
