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
}
