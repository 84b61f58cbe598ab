namespace Strata.Domain.Journal;

/// <summary>What grouping needs to know of an event: its type, who did it, the folder its item is in, and when.</summary>
public sealed record EventSummary(string Type, string? ActorId, string Folder, DateTimeOffset At);

/// <summary>
/// Groups a burst of uploads into one activity entry: consecutive events (as the reader sees them, newest first)
/// that each put a file into the same folder, by the same person, each within <see cref="Gap"/> of the one before.
/// A burst is cut by anything else in between (another person's change, another folder), so an entry never hides
/// an event that happened in the middle of it.
/// </summary>
public static class ActivityBursts
{
    /// <summary>The longest pause between two uploads of one burst.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromMinutes(5);

    /// <summary>Whether the event puts a file into a folder (a new file, or a new version of one), as an upload does.</summary>
    public static bool IsUpload(EventSummary change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.ActorId is not null && change.Type is nameof(JournalEventType.FileCreated) or nameof(JournalEventType.FileUpdated);
    }

    /// <summary>
    /// Splits <paramref name="newestFirst"/> into consecutive runs, in order, covering every event once: a burst of
    /// uploads is one run, every other event a run of its own.
    /// </summary>
    public static IReadOnlyList<Range> Group(IReadOnlyList<EventSummary> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var runs = new List<Range>();
        var start = 0;
        for (var i = 1; i <= newestFirst.Count; i++)
        {
            if (i == newestFirst.Count || !Continues(newestFirst[i - 1], newestFirst[i]))
            {
                runs.Add(new Range(start, i));
                start = i;
            }
        }

        return runs;
    }

    /// <summary>Whether <paramref name="older"/> belongs to the burst that <paramref name="newer"/> (the event just after it) is in.</summary>
    public static bool Continues(EventSummary newer, EventSummary older)
    {
        ArgumentNullException.ThrowIfNull(newer);
        ArgumentNullException.ThrowIfNull(older);
        return IsUpload(newer) && IsUpload(older)
            && string.Equals(newer.ActorId, older.ActorId, StringComparison.Ordinal)
            && string.Equals(newer.Folder, older.Folder, StringComparison.Ordinal)
            && newer.At - older.At <= Gap && newer.At >= older.At;
    }
}
