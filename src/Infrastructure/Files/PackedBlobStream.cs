using Microsoft.Win32.SafeHandles;

namespace Strata.Infrastructure.Files;

/// <summary>
/// A read-only, seekable window over one record's bytes. It owns its handle on the volume, so it keeps reading after a
/// compaction deleted the volume's name (Linux unlinks; the bytes go when the last handle closes).
/// </summary>
internal sealed class PackedBlobStream(SafeFileHandle volume, long start, long length) : BlobReadStream(length)
{
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = RandomAccess.Read(volume, buffer[..Remaining(buffer.Length)], start + Position);
        Position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await RandomAccess.ReadAsync(volume, buffer[..Remaining(buffer.Length)], start + Position, cancellationToken);
        Position += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            volume.Dispose();
        }

        base.Dispose(disposing);
    }
}
