namespace Strata.Infrastructure.Files;

/// <summary>
/// A seekable view of one object: reading from a position opens one ranged download from there to the end and keeps
/// reading it while the reads follow on; a seek elsewhere drops it and the next read opens another. So a Range request
/// costs one download of what it needs, and nothing is held in memory beyond the read buffers.
/// </summary>
internal sealed class ObjectReadStream(IObjectBucket bucket, string key, long length) : Stream
{
    private Stream? _body;
    private long _bodyPosition;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "A position cannot be negative.");
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || _position >= length)
        {
            return 0;
        }

        if (_body is null || _bodyPosition != _position)
        {
            await DropBodyAsync();
            _body = await bucket.ReadFromAsync(key, _position, cancellationToken);
            _bodyPosition = _position;
        }

        var read = await _body.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - _position)], cancellationToken);
        if (read == 0)
        {
            throw new IOException($"The object store ended blob {key} at byte {_position} of {length}.");
        }

        _position += read;
        _bodyPosition += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // A synchronous read would block a thread on the network; LocalBlobFile serves code that needs one.
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("A blob in an object store is read asynchronously (or through LocalBlobFile).");

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await DropBodyAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body?.Dispose();
            _body = null;
        }

        base.Dispose(disposing);
    }

    private async ValueTask DropBodyAsync()
    {
        if (_body is not null)
        {
            await _body.DisposeAsync();
            _body = null;
        }
    }
}
