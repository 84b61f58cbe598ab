using System.ComponentModel.DataAnnotations;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Files;

/// <summary><c>Strata:Blobs</c>.</summary>
public sealed class BlobStorageOptions : IValidatableObject
{
    public const string Section = "Strata:Blobs";

    public const int DefaultPackThreshold = 256 << 10;

    public const long DefaultPackVolumeSize = 256L << 20;

    /// <summary>Where blobs are kept: this machine's disk (the default), or an object store that several hosts share.</summary>
    public BlobProvider Provider { get; set; } = BlobProvider.Local;

    /// <summary>
    /// The object store's: Azure's storage connection string; for S3,
    /// <c>ServiceUrl=…;Region=…;AccessKey=…;SecretKey=…;ForcePathStyle=true</c>, each part optional (no keys: the SDK's
    /// usual credential chain; no ServiceUrl: AWS itself).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Azure container or S3 bucket; created when missing.</summary>
    [NotBlank]
    public string Container { get; set; } = "strata";

    /// <summary>
    /// Folder of the local blob store; defaults to <c>&lt;DataPath&gt;/blobs</c>. With an object store, its <c>tmp</c>
    /// folder still stages content on its way in.
    /// </summary>
    [NotBlank]
    public string? Path { get; set; }

    /// <summary>How long an unreferenced blob is kept before the GC may delete it.</summary>
    [Duration]
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Content of at most this many bytes is appended to shared volume files, many writes to one fsync, instead of
    /// getting a file of its own (docs/decisions/0021); 0 turns packing off. Packed blobs stay readable either way.
    /// </summary>
    [Range(0, 64 << 20, ErrorMessage = "{0} must be between {1} and {2} bytes.")]
    public int PackThreshold { get; set; } = DefaultPackThreshold;

    /// <summary>
    /// Size past which the next volume is begun. Compaction rewrites a whole volume once less than half of it is live,
    /// so smaller volumes reclaim space sooner; each costs a file handle only while it is read.
    /// </summary>
    [Range(64 << 10, long.MaxValue, ErrorMessage = "{0} must be at least {1} bytes.")]
    public long PackVolumeSize { get; set; } = DefaultPackVolumeSize;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != BlobProvider.Local && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult($"{nameof(ConnectionString)} is needed when {nameof(Provider)} is {Provider}.", [nameof(ConnectionString)]);
        }
    }
}

public enum BlobProvider
{
    Local,
    AzureBlob,
    S3,
}
