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

    /// <summary>Small facts of the event as a JSON object of strings (e.g. who uploaded through a link).</summary>
    public string? Details { get; set; }
}
