namespace Strata.Infrastructure.Files;

/// <summary>
/// A seekable view of one object: reading from a position opens one ranged download from there to the end and keeps
/// reading it while the reads follow on; a seek elsewhere drops it and the next read opens another. So a Range request
/// costs one download of what it needs, and nothing is held in memory beyond the read buffers.
/// </summary>
internal sealed class ObjectReadStream(IObjectBucket bucket, string key, long length) : BlobReadStream(length)
{
    private Stream? _body;
    private long _bodyPosition;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = Remaining(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        if (_body is null || _bodyPosition != Position)
        {
            await DropBodyAsync();
            _body = await bucket.ReadFromAsync(key, Position, cancellationToken);
            _bodyPosition = Position;
        }

        var read = await _body.ReadAsync(buffer[..wanted], cancellationToken);
        if (read == 0)
        {
            throw new IOException($"The object store ended blob {key} at byte {Position} of {Length}.");
        }

        Position += read;
        _bodyPosition += read;
        return read;
    }

    // A synchronous read would block a thread on the network; LocalBlobFile serves code that needs one.
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("A blob in an object store is read asynchronously (or through LocalBlobFile).");

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
