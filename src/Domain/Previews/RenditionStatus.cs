namespace Strata.Domain.Previews;

/// <summary>Where a rendition is in its life; stored by name.</summary>
public enum RenditionStatus
{
    /// <summary>Claimed and waiting for (or in) its job.</summary>
    Pending,

    /// <summary>Rendered; its blob is in the store.</summary>
    Ready,

    /// <summary>Refused or failed for good, with a reason; not retried.</summary>
    Failed,

    /// <summary>Nothing to make, by rule (a document over the size cap): final, with the reason; not a failure.</summary>
    Skipped,
}
