namespace Strata.Infrastructure.Files;

/// <summary>
/// A read-only, seekable stream over one blob's bytes: the position and its bounds, shared by the stores' own ways of
/// reading (a window of a pack volume, ranged downloads from an object store).
/// </summary>
internal abstract class BlobReadStream(long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Each store reads in its own way; this is where.</summary>
    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    /// <remarks>
    /// A seek before the start throws <see cref="IOException"/> as a file's does: readers such as ZipArchive probe the
    /// end of a file shorter than their header that way and turn that exception into "not a zip".
    /// </remarks>
    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return Position = target >= 0 ? target : throw new IOException("A seek before the start of the blob.");
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>How many of <paramref name="wanted"/> bytes are left from the position to the end.</summary>
    protected int Remaining(int wanted) => (int)Math.Clamp(length - _position, 0, wanted);
}
