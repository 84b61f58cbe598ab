using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Journal;

namespace Strata.Web.Journal;

/// <summary>A journal event in words, as people tell each other what happened ("jane@client.com uploaded x.zip via file request #3").</summary>
public static class ActivitySentence
{
    private const string Visitor = "Anonymous visitor";

    /// <param name="change">The event.</param>
    /// <param name="names">Display names of the actors, from <see cref="UserDirectory"/>.</param>
    public static string Describe(EventView change, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(change);
        var actor = UserDirectory.Display(names, change.ActorId);
        var item = NameOf(change.Path);
        var link = $"link #{change.LinkId}";
        if (!Enum.TryParse<JournalEventType>(change.Type, out var type))
        {
            return $"{actor}: {change.Type} {item}";
        }

        return type switch
        {
            JournalEventType.FolderCreated => $"{actor} created the folder {item}",
            JournalEventType.FileCreated => $"{actor} added {item}",
            JournalEventType.FileUpdated => $"{actor} saved a new version of {item}",
            JournalEventType.Renamed => change.OldPath is { } old ? $"{actor} renamed {NameOf(old)} to {item}" : $"{actor} renamed an item to {item}",
            JournalEventType.Moved => $"{actor} moved {item} here",
            JournalEventType.Copied => $"{actor} copied {item}",
            JournalEventType.Trashed => $"{actor} deleted {item}",
            JournalEventType.Restored => $"{actor} restored {item} from the trash",
            JournalEventType.Purged => $"{actor} deleted {item} for good",
            JournalEventType.VersionRestored => $"{actor} restored an earlier version of {item}",
            JournalEventType.Touched => $"{actor} changed the date of {item}",
            JournalEventType.LinkCreated when Detail(change, "kind") == "Upload" => $"{actor} created file request #{change.LinkId} for {item}",
            JournalEventType.LinkCreated => $"{actor} created {link} to {item}",
            JournalEventType.LinkOpened => $"{Visitor} opened {link} to {item}",
            JournalEventType.LinkDownloaded => $"{Visitor} downloaded {item} via {link}",
            JournalEventType.LinkPasswordFailed => $"Wrong password tried on {link} to {item}" + (Detail(change, "address") is { } address ? $" from {address}" : string.Empty),
            JournalEventType.LinkRevoked => $"{actor} revoked {link} to {item}",
            JournalEventType.Locked => $"{actor} locked {item} for editing",
            JournalEventType.Unlocked => $"{actor} released the lock on {item}",
            JournalEventType.PermissionsChanged => $"{actor} changed who may access {item}",
            JournalEventType.LinkUploaded => $"{Uploader(change)} uploaded {item} via file request #{change.LinkId}",
            JournalEventType.TagAdded => $"{actor} tagged {item} \"{Detail(change, "tag")}\"",
            JournalEventType.TagRemoved => $"{actor} removed the tag \"{Detail(change, "tag")}\" from {item}",
            JournalEventType.Favorited => $"{actor} starred {item}",
            JournalEventType.Unfavorited => $"{actor} unstarred {item}",
            _ => $"{actor}: {change.Type} {item}",
        };
    }

    /// <summary>Who a link's visitor said they are: "Jane (jane@client.com)", either part alone, or anonymous.</summary>
    private static string Uploader(EventView change) => (Detail(change, "uploader"), Detail(change, "email")) switch
    {
        ({ } name, { } email) => $"{name} ({email})",
        ({ } name, null) => name,
        (null, { } email) => email,
        _ => Visitor,
    };

    private static string? Detail(EventView change, string key) => change.Details?.GetValueOrDefault(key);

    private static string NameOf(string path) => NodePath.TryParse(path, out var parsed, out _) && !parsed.IsRoot ? parsed.Name.Value : path;
}
