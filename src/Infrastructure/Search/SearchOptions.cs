using System.ComponentModel.DataAnnotations;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Search;

/// <summary><c>Strata:Search</c>: what reading a file's text may cost.</summary>
public sealed class SearchOptions
{
    public const string Section = "Strata:Search";

    /// <summary>Content larger than this is not read at all (skipped with the reason).</summary>
    [Range(1, long.MaxValue)]
    public long MaxExtractBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Extracted text is cut after this many characters; what comes before is still indexed.</summary>
    [Range(1, 100_000_000)]
    public int MaxCharacters { get; set; } = 2_000_000;

    /// <summary>Longest reading one file may take before it is recorded as failed.</summary>
    [Duration]
    public TimeSpan ExtractionTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
