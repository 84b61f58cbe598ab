using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Strata.Infrastructure.Files;

internal sealed class BlobRecordConfiguration : IEntityTypeConfiguration<BlobRecord>
{
    public void Configure(EntityTypeBuilder<BlobRecord> blob)
    {
        blob.ToTable("Blobs");
        blob.HasKey(b => b.Hash);
        blob.Property(b => b.Hash).HasMaxLength(64).IsUnicode(false);
        blob.HasIndex(b => b.TouchedAt);
    }
}
