using Microsoft.Win32.SafeHandles;

namespace Strata.Infrastructure.Files;

/// <summary>
/// A read-only, seekable window over one record's bytes. It owns its handle on the volume, so it keeps reading after a
/// compaction deleted the volume's name (Linux unlinks; the bytes go when the last handle closes).
/// </summary>
internal sealed class PackedBlobStream(SafeFileHandle volume, long start, long length) : Stream
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

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = RandomAccess.Read(volume, Window(buffer.Length, buffer), start + _position);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await RandomAccess.ReadAsync(volume, buffer[..Remaining(buffer.Length)], start + _position, cancellationToken);
        _position += read;
        return read;
    }

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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            volume.Dispose();
        }

        base.Dispose(disposing);
    }

    private Span<byte> Window(int wanted, Span<byte> buffer) => buffer[..Remaining(wanted)];

    private int Remaining(int wanted) => (int)Math.Clamp(length - _position, 0, wanted);
}
