using System.ComponentModel.DataAnnotations;

namespace Strata.Infrastructure.Dav;

/// <summary><c>Strata:Dav</c>.</summary>
public sealed class DavOptions
{
    public const string Section = "Strata:Dav";

    /// <summary>
    /// Most live locks one account may hold. Office and file managers hold one per open document, so a person
    /// never comes near it; a script that locks in a loop (litmus' lock bomb, a flood) is stopped here rather than
    /// by a table, and a folder of empty files, that grows without end.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be at least {1}.")]
    public int MaxLocksPerUser { get; set; } = 1000;

    /// <summary>
    /// Largest content whose SHA-1 and MD5 a PROPFIND computes itself when the background filler has not recorded them
    /// yet, so that <c>rclone check</c> right after an upload compares hashes; larger content is left to the filler and
    /// <c>oc:checksums</c> is absent until then. 16 MiB hash in about 40 ms.
    /// </summary>
    [Range(0, long.MaxValue, ErrorMessage = "{0} must be at least {1}.")]
    public long InlineChecksumMaxBytes { get; set; } = 16L << 20;

    /// <summary>
    /// Most bytes one PROPFIND hashes inline over all the files it lists: a Depth 1 listing of a folder of fresh
    /// uploads must not become minutes of hashing; what is left over is left to the filler.
    /// </summary>
    [Range(0, long.MaxValue, ErrorMessage = "{0} must be at least {1}.")]
    public long InlineChecksumBudgetBytes { get; set; } = 64L << 20;
}
