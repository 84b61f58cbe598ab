using System.ComponentModel.DataAnnotations;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Uploads;

/// <summary><c>Strata:Uploads</c>: the tus endpoint's limits.</summary>
public sealed class UploadOptions
{
    public const string Section = "Strata:Uploads";

    /// <summary>Longest <c>Upload-Metadata</c> header kept with an upload.</summary>
    public const int MaxMetadataLength = 4096;

    /// <summary>Longest uploader name or email a link visitor may give.</summary>
    public const int MaxUploaderLength = 254;

    /// <summary>How long an upload lives after its creation or its last PATCH (sliding).</summary>
    [Duration]
    public TimeSpan Expiration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Largest <c>Upload-Length</c> accepted (<c>Tus-Max-Size</c>); none when null.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "{0} must be at least {1} byte.")]
    public long? MaxSize { get; set; }

    /// <summary>
    /// How many unrecorded bytes a long PATCH lets pile up before it fsyncs them. The fsync runs while receiving
    /// goes on; the offset it covered is recorded once it is done and the next bytes arrive. A crash loses what
    /// arrived since the last recorded offset: the client sends it again.
    /// </summary>
    [Range(1, long.MaxValue, ErrorMessage = "{0} must be at least {1} byte.")]
    public long CheckpointBytes { get; set; } = 64L << 20;
}
