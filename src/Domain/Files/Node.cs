namespace Strata.Domain.Files;

/// <summary>
/// A folder or file in the namespace. <see cref="Path"/> is denormalised so that resolving a path is
/// one indexed lookup (<see cref="PathHash"/>) and a subtree is one range query (<see cref="PathKey"/>).
/// A trashed node keeps its path for display and restore but no longer takes part in lookups.
/// </summary>
public sealed class Node
{
    public long Id { get; set; }

    public long? ParentId { get; set; }

    public required string Name { get; set; }

    /// <summary>Case-folded <see cref="Name"/>; unique among the live children of a folder.</summary>
    public required string NameKey { get; set; }

    /// <summary><see cref="NodeName.SortKey"/> of <see cref="Name"/>: listings sort by it.</summary>
    public required string SortKey { get; set; }

    public required string Path { get; set; }

    /// <summary>Case-folded <see cref="Path"/>.</summary>
    public required string PathKey { get; set; }

    /// <summary>Hex SHA-256 of <see cref="PathKey"/>, unique among live nodes (index-friendly on every provider).</summary>
    public required string PathHash { get; set; }

    public bool IsFolder { get; set; }

    public long Size { get; set; }

    /// <summary>The blob of the current version; null for folders.</summary>
    public string? ContentHash { get; set; }

    public string? ContentType { get; set; }

    public int VersionNumber { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public string? CreatedBy { get; set; }

    public string? ModifiedBy { get; set; }

    public DateTimeOffset? TrashedAt { get; set; }

    public string? TrashedBy { get; set; }

    /// <summary>The id of the node the user deleted; every node of a trashed subtree carries it.</summary>
    public long? TrashRootId { get; set; }

    public void SetPath(NodePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Name = path.Name.Value;
        NameKey = path.Name.Key;
        SortKey = path.Name.SortKey;
        Path = path.Value;
        PathKey = path.Key;
        PathHash = HashKey(path.Key);
    }

    /// <summary>Lookup hash of a folded path key.</summary>
    public static string HashKey(string pathKey) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(pathKey)));

    public static Node Create(NodePath path, long? parentId, bool isFolder, string? actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = new Node
        {
            ParentId = parentId,
            Name = path.Name.Value,
            NameKey = path.Name.Key,
            SortKey = path.Name.SortKey,
            Path = path.Value,
            PathKey = path.Key,
            PathHash = HashKey(path.Key),
            IsFolder = isFolder,
            CreatedAt = now,
            ModifiedAt = now,
            CreatedBy = actor,
            ModifiedBy = actor,
        };
        return node;
    }
}
