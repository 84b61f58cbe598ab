using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Domain.Previews;

namespace Strata.Infrastructure.Previews;

internal sealed class RenditionConfiguration : IEntityTypeConfiguration<Rendition>
{
    public void Configure(EntityTypeBuilder<Rendition> rendition)
    {
        rendition.ToTable("Renditions");
        rendition.Property(r => r.SourceHash).HasMaxLength(64).IsUnicode(false);
        rendition.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        rendition.Property(r => r.Status).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        rendition.Property(r => r.FailureReason).HasMaxLength(500);
        rendition.Property(r => r.BlobHash).HasMaxLength(64).IsUnicode(false);

        // The claim: two commits of the same content race to insert, and only one renders.
        rendition.Property(r => r.Page).HasDefaultValue(1);
        rendition.HasIndex(r => new { r.SourceHash, r.Kind, r.Page, r.Size }).IsUnique();

        // The blob GC asks whether a blob is some rendition's.
        rendition.HasIndex(r => r.BlobHash);
    }
}
