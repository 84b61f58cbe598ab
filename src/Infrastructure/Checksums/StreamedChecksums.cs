namespace Strata.Infrastructure.Checksums;

/// <summary>
/// The SHA-1 and MD5 a front door computed while reading the body this request is committing (WebDAV PUT from an
/// ownCloud client, which also verifies <c>OC-Checksum</c>): the commit records them as they are, and the content is
/// not read again. One per request scope.
/// </summary>
public sealed class StreamedChecksums
{
    private (string Sha1, string Md5)? _body;

    /// <summary>Called once the whole body was read and verified.</summary>
    public void Set(string sha1, string md5) => _body = (sha1, md5);

    /// <summary>The body's checksums, once: a second commit in the same scope would be other content.</summary>
    public (string Sha1, string Md5)? Take()
    {
        var body = _body;
        _body = null;
        return body;
    }
}
