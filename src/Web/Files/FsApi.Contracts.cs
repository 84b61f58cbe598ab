using System.Text.Json.Serialization;
using Strata.Domain.Files;

namespace Strata.Web.Files;

/// <summary>An action on a path: <c>add_folder</c>, <c>move</c>, <c>copy</c>, <c>rename</c> or <c>restore_version</c>.</summary>
/// <param name="Action">What to do.</param>
/// <param name="Destination">The full target path, for <c>move</c> and <c>copy</c>.</param>
/// <param name="Name">The new name, for <c>rename</c>.</param>
/// <param name="Version">The version number to make current, for <c>restore_version</c>.</param>
public sealed record FsActionRequest(string Action, string? Destination, string? Name, int? Version);

/// <summary>A file's or folder's metadata; a folder's <see cref="Children"/> are streamed, ordered by name.</summary>
public sealed record FsEntry(
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
    string? ModifiedBy,
    string ETag,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IAsyncEnumerable<NodeInfo>? Children)
{
    public static FsEntry From(NodeInfo node, IAsyncEnumerable<NodeInfo>? children = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new(node.Id, node.Name, node.Path, node.IsFolder, node.Size, node.ContentType, node.ContentHash, node.Version,
            node.CreatedAt, node.ModifiedAt, node.ModifiedBy, node.ETag, children);
    }
}
