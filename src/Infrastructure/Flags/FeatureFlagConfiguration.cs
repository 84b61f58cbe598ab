using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Strata.Infrastructure.Flags;

internal sealed class FeatureFlagConfiguration : IEntityTypeConfiguration<FeatureFlag>
{
    /// <summary>Audience lists are small and read whole, so one JSON column each.</summary>
    private static readonly ValueConverter<string[], string> AsJson = new(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<string[]>(v, (JsonSerializerOptions?)null) ?? Array.Empty<string>());

    private static readonly ValueComparer<string[]> ByItems = new(
        (a, b) => a!.SequenceEqual(b!),
        a => a.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
        a => a.ToArray());

    public void Configure(EntityTypeBuilder<FeatureFlag> flag)
    {
        flag.ToTable("FeatureFlags");
        flag.HasKey(f => f.Name);
        flag.Property(f => f.Name).HasMaxLength(64);
        flag.Property(f => f.Description).HasMaxLength(500);
        flag.Property(f => f.UpdatedBy).HasMaxLength(256);
        flag.Property(f => f.Users).HasConversion(AsJson, ByItems).HasMaxLength(8000);
        flag.Property(f => f.Groups).HasConversion(AsJson, ByItems).HasMaxLength(8000);
    }
}
