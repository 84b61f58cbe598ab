using System.Text.Json.Serialization;
using Strata.Domain.Files;
using Strata.Infrastructure.Tags;

namespace Strata.Web.Files;

/// <summary>An action on a path: <c>add_folder</c>, <c>move</c>, <c>copy</c>, <c>rename</c> or <c>restore_version</c>.</summary>
/// <param name="Action">What to do.</param>
/// <param name="Destination">The full target path, for <c>move</c> and <c>copy</c>.</param>
/// <param name="Name">The new name, for <c>rename</c>.</param>
/// <param name="Version">The version number to make current, for <c>restore_version</c>.</param>
public sealed record FsActionRequest(string Action, string? Destination, string? Name, int? Version);

/// <summary>
/// A file's or folder's metadata; a folder's <see cref="Children"/> are streamed, ordered by name. <see cref="Tags"/> and
/// <see cref="IsFavorite"/> are what the caller sees marked on the item, where the answer reads them.
/// </summary>
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IAsyncEnumerable<FsChild>? Children,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TagView>? Tags = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? IsFavorite = null)
{
    public static FsEntry From(NodeInfo node, IAsyncEnumerable<FsChild>? children = null, ItemMarks? marks = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new(node.Id, node.Name, node.Path, node.IsFolder, node.Size, node.ContentType, node.ContentHash, node.Version,
            node.CreatedAt, node.ModifiedAt, node.ModifiedBy, node.ETag, children, marks?.Tags, marks?.IsFavorite);
    }
}

/// <summary>An item of a listing: its metadata, the tags the caller sees on it and whether they starred it.</summary>
public sealed record FsChild(
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
    IReadOnlyList<TagView> Tags,
    bool IsFavorite)
{
    public static FsChild From(NodeInfo node, ItemMarks marks)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(marks);
        return new(node.Id, node.Name, node.Path, node.IsFolder, node.Size, node.ContentType, node.ContentHash, node.Version,
            node.CreatedAt, node.ModifiedAt, node.ModifiedBy, node.ETag, marks.Tags, marks.IsFavorite);
    }

    public static FsChild From(MarkedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return From(item.Node, item.Marks);
    }
}
