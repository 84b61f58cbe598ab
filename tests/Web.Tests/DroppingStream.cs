namespace Strata.Web.Tests;

/// <summary>
/// A request body that sends the first bytes of the content and then drops the connection (cancels the
/// request), like a client going away mid-upload.
/// </summary>
public sealed class DroppingStream(byte[] content, int bytesBeforeDrop, CancellationTokenSource connection) : Stream
{
    private int _sent;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _sent; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_sent >= bytesBeforeDrop)
        {
            await connection.CancelAsync();
            await Task.Delay(Timeout.Infinite, connection.Token);
        }

        var n = Math.Min(buffer.Length, bytesBeforeDrop - _sent);
        content.AsMemory(_sent, n).CopyTo(buffer);
        _sent += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
