namespace Strata.Infrastructure.Flags;

/// <summary>
/// A feature flag as stored: off, on for everyone, or on for a target audience (users, groups and a
/// percentage of everyone else). Changed by administrators; read through <see cref="FlagStore"/>.
/// </summary>
public sealed class FeatureFlag
{
    public required string Name { get; set; }

    public string Description { get; set; } = string.Empty;

    public bool Enabled { get; set; }

    public string[] Users { get; set; } = [];

    public string[] Groups { get; set; } = [];

    /// <summary>Share of users outside <see cref="Users"/> and <see cref="Groups"/> who get the feature, 0–100.</summary>
    public int RolloutPercentage { get; set; } = 100;

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    /// <summary>On for everyone, with no audience to evaluate.</summary>
    public bool IsOnForEveryone => Enabled && RolloutPercentage == 100;
}
