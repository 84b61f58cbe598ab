using System.Security.Cryptography;
using Strata.Infrastructure.Checksums;

namespace Strata.Web.Dav;

/// <summary>
/// Reads a request body through SHA-1 and MD5, the hashes ownCloud clients and rclone compare by
/// (<c>OC-Checksum</c>, <c>oc:checksums</c>; rclone's check prefers MD5). When an expected SHA-1 was sent, the end of the body throws <see cref="ChecksumMismatchException"/>: the blob
/// store deletes its temporary file on any exception, so nothing is stored. Otherwise the end of the body hands both
/// to <paramref name="body"/>, which the commit records, so the content is not read again.
/// </summary>
internal sealed class ChecksumReadStream(Stream inner, string? expectedSha1, StreamedChecksums body) : Stream
{
    private readonly IncrementalHash _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private string? _hex;
    private string? _md5Hex;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Observe(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Observe(buffer.AsSpan(offset, read));
        return read;
    }

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
            _sha1.Dispose();
            _md5.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Observe(ReadOnlySpan<byte> data)
    {
        if (data.Length > 0)
        {
            _sha1.AppendData(data);
            _md5.AppendData(data);
            return;
        }

        if (_hex is not null)
        {
            return;
        }

        _hex = Convert.ToHexStringLower(_sha1.GetHashAndReset());
        _md5Hex = Convert.ToHexStringLower(_md5.GetHashAndReset());
        if (expectedSha1 is not null && !string.Equals(expectedSha1, _hex, StringComparison.OrdinalIgnoreCase))
        {
            throw new ChecksumMismatchException($"The computed checksum does not match the one received from the client (SHA1:{_hex}).");
        }

        body.Set(_hex, _md5Hex);
    }
}

/// <summary>The body's SHA-1 differs from the client's <c>OC-Checksum</c>: the upload is refused with 400.</summary>
internal sealed class ChecksumMismatchException(string message) : IOException(message);
