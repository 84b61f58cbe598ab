namespace Strata.Infrastructure.Trash;

/// <summary>A trashed tree, by its root: where it was, when and by whom it was deleted.</summary>
public sealed record TrashItem(long Id, string Name, string OriginalPath, bool IsFolder, long Size, DateTimeOffset TrashedAt, string? TrashedBy);

/// <summary>What emptying the trash did: items purged, and items kept because the caller may not remove them.</summary>
public sealed record EmptyTrashResult(int Purged, int Kept);
