namespace Strata.Infrastructure.Search;

/// <summary>
/// Reads an inflating stream (a zip entry) and refuses to go past a number of bytes, whatever the zip declared: the
/// counting half of <see cref="ZipGuard"/>.
/// </summary>
public sealed class ReadCapStream(Stream inner, long maxBytes, string name) : Stream
{
    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer[..Cap(buffer.Length)]));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer[..Cap(buffer.Length)], cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// How much of a read of <paramref name="wanted"/> bytes to ask for: one byte past the cap at most, so that the
    /// byte that crosses it is seen without inflating more.
    /// </summary>
    private int Cap(int wanted) => (int)Math.Min(wanted, maxBytes - BytesRead + 1);

    private int Count(int read)
    {
        BytesRead += read;
        if (BytesRead > maxBytes)
        {
            throw new ExtractionRefusedException($"Not read: {name} inflates past {ZipGuard.Describe(maxBytes)} (a zip bomb?).");
        }

        return read;
    }
}
