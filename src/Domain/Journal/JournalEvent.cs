using Strata.Domain.Files;

namespace Strata.Domain.Journal;

/// <summary>One entry of the append-only event journal, written in the same transaction as the change.</summary>
public sealed class JournalEvent
{
    /// <summary>Monotonic sequence number; clients resume from it.</summary>
    public long Sequence { get; set; }

    public required string Type { get; set; }

    public long? NodeId { get; set; }

    public required string Path { get; set; }

    /// <summary>Case-folded <see cref="Path"/>, for visibility filters.</summary>
    public required string PathKey { get; set; }

    public string? OldPath { get; set; }

    public string? ActorId { get; set; }

    public DateTimeOffset At { get; set; }

    public bool IsFolder { get; set; }

    /// <summary>The public link the event is about; such events are private to the link's creator and administrators.</summary>
    public long? LinkId { get; set; }

    /// <summary>
    /// The only user who may read the event (a personal tag or a star is nobody else's business); null when the
    /// event is for everyone who may see the item.
    /// </summary>
    public string? PrivateTo { get; set; }

    /// <summary>Small facts of the event as a JSON object of strings (e.g. who uploaded through a link).</summary>
    public string? Details { get; set; }

    /// <summary>
    /// Whether the change moved rights: a grant set or removed, or a folder (which grants hang on) renamed, moved,
    /// trashed, restored or purged.
    /// </summary>
    public bool ChangesRights => Type == nameof(JournalEventType.PermissionsChanged)
        || (IsFolder && Type is nameof(JournalEventType.Renamed) or nameof(JournalEventType.Moved) or nameof(JournalEventType.Trashed)
            or nameof(JournalEventType.Restored) or nameof(JournalEventType.Purged));

    /// <summary>
    /// Whether the event is about the administration of tags rather than an item: it has no item whose visibility it
    /// could follow, so it is shown to administrators alone. Shared and restricted tag names are no secret from users
    /// (they list them), but a rename or merge is the administrators' business, and keeping these events to them
    /// means the journal can never carry a tag name past its scope (personal tags are never administered at all).
    /// </summary>
    public bool IsAdministration => Type is nameof(JournalEventType.TagChanged) or nameof(JournalEventType.TagsMerged);

    /// <summary>An event about <paramref name="node"/> at the path it has now; the node must be saved (have an id).</summary>
    public static JournalEvent About(JournalEventType type, Node node, string? actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Create(type, node.Id, node.Path, node.PathKey, node.IsFolder, actor, at);
    }

    /// <summary>An event about a path, with its node if it has one: a lock may come before the file it creates.</summary>
    public static JournalEvent AtPath(JournalEventType type, NodePath path, long? nodeId, bool isFolder, string? actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Create(type, nodeId, path.Value, path.Key, isFolder, actor, at);
    }

    private static JournalEvent Create(JournalEventType type, long? nodeId, string path, string pathKey, bool isFolder, string? actor, DateTimeOffset at) => new()
    {
        Type = type.ToString(),
        NodeId = nodeId,
        Path = path,
        PathKey = pathKey,
        ActorId = actor,
        At = at,
        IsFolder = isFolder,
    };
}
