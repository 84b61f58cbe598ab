using System.Buffers.Text;
using System.Linq.Expressions;

namespace Strata.Domain.Files;

/// <summary>What callers see of a node; projected straight from the database for listings.</summary>
public sealed record NodeInfo(
    long Id,
    string Name,
    string Path,
    bool IsFolder,
    long Size,
    string? ContentType,
    string? ContentHash,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt,
    string? ModifiedBy)
{
    public static readonly Expression<Func<Node, NodeInfo>> Projection = n =>
        new NodeInfo(n.Id, n.Name, n.Path, n.IsFolder, n.Size, n.ContentType, n.ContentHash, n.VersionNumber, n.CreatedAt, n.ModifiedAt, n.ModifiedBy);

    private static readonly Func<Node, NodeInfo> Compiled = Projection.Compile();

    /// <summary>A strong validator: the content hash for files (identical bytes, identical tag), id and time for folders.</summary>
    public string ETag => IsFolder
        ? $"\"d{Id:x}-{ModifiedAt.ToUnixTimeMilliseconds():x}\""
        : ContentETag(ContentHash!);

    /// <summary>
    /// The entity tag of a content hash: the SHA-256 in base64url (43 characters rather than 64 hex), because
    /// clients build WebDAV <c>If</c> headers holding two tags and a lock token in fixed buffers (neon, used by
    /// litmus and cadaver, cuts the header at 199 characters).
    /// </summary>
    public static string ContentETag(string contentHash) =>
        $"\"{Base64Url.EncodeToString(Convert.FromHexString(contentHash))}\"";

    public static NodeInfo From(Node node) => Compiled(node);
}

public sealed record VersionInfo(int Number, long Size, string ContentHash, DateTimeOffset CreatedAt, string? CreatedBy);
