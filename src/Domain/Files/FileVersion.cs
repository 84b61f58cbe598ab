namespace Strata.Domain.Files;

/// <summary>One stored content of a file. The highest <see cref="Number"/> is the current content.</summary>
public sealed class FileVersion
{
    public long Id { get; set; }

    public long NodeId { get; set; }

    public int Number { get; set; }

    public required string ContentHash { get; set; }

    public long Size { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}
