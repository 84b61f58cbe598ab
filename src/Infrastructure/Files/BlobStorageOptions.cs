using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Files;

/// <summary><c>Strata:Blobs</c>.</summary>
public sealed class BlobStorageOptions
{
    public const string Section = "Strata:Blobs";

    /// <summary>Folder of the local blob store; defaults to <c>&lt;DataPath&gt;/blobs</c>.</summary>
    [NotBlank]
    public string? Path { get; set; }

    /// <summary>How long an unreferenced blob is kept before the GC may delete it.</summary>
    [Duration]
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(1);
}
