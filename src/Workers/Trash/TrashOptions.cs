using Strata.Infrastructure.Hosting;

namespace Strata.Workers.Trash;

/// <summary><c>Strata:Trash</c>.</summary>
public sealed class TrashOptions
{
    public const string Section = "Strata:Trash";

    /// <summary>How long deleted items stay restorable; the daily purge removes what is older.</summary>
    [Duration]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}
