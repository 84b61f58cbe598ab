namespace Strata.Domain.Journal;

/// <summary>What happened to a node; stored by name in the journal, so names are a contract.</summary>
public enum JournalEventType
{
    FolderCreated,
    FileCreated,
    FileUpdated,
    Renamed,
    Moved,
    Copied,
    Trashed,
    Restored,
    Purged,
    VersionRestored,

    /// <summary>Only the modification time changed (a sync client keeping its own time).</summary>
    Touched,
}
