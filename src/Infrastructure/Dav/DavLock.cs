namespace Strata.Infrastructure.Dav;

/// <summary>
/// A WebDAV write lock (RFC 4918 §6). Kept in the database so that it survives a restart and every
/// front door can honour it. <see cref="PathKey"/> is the folded path of the lock root: a lock does not
/// follow its resource when that is moved (§7.5), so it is addressed by path, not by node id.
/// </summary>
public sealed class DavLock
{
    public const int MaxOwnerXml = 4000;

    /// <summary>The lock token, a <c>urn:uuid:</c> URI.</summary>
    public required string Token { get; set; }

    public required string Path { get; set; }

    public required string PathKey { get; set; }

    public bool IsShared { get; set; }

    /// <summary>Depth infinity: the lock covers every member of a locked collection.</summary>
    public bool IsDeep { get; set; }

    public required string OwnerId { get; set; }

    /// <summary>The owner's user name, shown beside the lock in the file manager.</summary>
    public required string OwnerName { get; set; }

    /// <summary>The client's <c>DAV:owner</c> element content, echoed back in lock discovery.</summary>
    public string? OwnerXml { get; set; }

    public int TimeoutSeconds { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
