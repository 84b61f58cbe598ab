namespace Strata.Infrastructure.Dav;

/// <summary>
/// The SHA-1 and MD5 of a blob, which sync clients (ownCloud's <c>oc:checksums</c>, rclone) compare by. Keyed by
/// the blob's SHA-256, so it can never go stale: content-addressed blobs never change.
/// </summary>
public sealed class BlobChecksum
{
    public required string ContentHash { get; set; }

    public required string Sha1 { get; set; }

    public required string Md5 { get; set; }

    /// <summary>ownCloud's <c>oc:checksum</c> form: <c>SHA1:… MD5:…</c>.</summary>
    public string OwnCloudForm => $"SHA1:{Sha1} MD5:{Md5}";
}
