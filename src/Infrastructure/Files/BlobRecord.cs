namespace Strata.Infrastructure.Files;

/// <summary>
/// A stored blob. Referenced by <see cref="Domain.Files.FileVersion.ContentHash"/>; a blob no version
/// references is deleted by the GC job once <see cref="TouchedAt"/> is older than the grace period.
/// </summary>
public sealed class BlobRecord
{
    public required string Hash { get; set; }

    public long Size { get; set; }

    /// <summary>Last time a writer stored or re-used this blob; protects it from GC while a commit is in flight.</summary>
    public DateTimeOffset TouchedAt { get; set; }
}
