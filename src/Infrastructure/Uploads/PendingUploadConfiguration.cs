using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Domain.Files;

namespace Strata.Infrastructure.Uploads;

internal sealed class PendingUploadConfiguration : IEntityTypeConfiguration<PendingUpload>
{
    public void Configure(EntityTypeBuilder<PendingUpload> upload)
    {
        upload.ToTable("Uploads");
        upload.HasKey(u => u.Id);
        upload.Property(u => u.Id).HasMaxLength(32).IsUnicode(false);
        upload.Property(u => u.OwnerId).HasMaxLength(64).IsRequired();
        upload.Property(u => u.Folder).HasMaxLength(NodePath.MaxUtf8Bytes).IsRequired();
        upload.Property(u => u.FileName).HasMaxLength(NodeName.MaxUtf8Bytes).IsRequired();
        upload.Property(u => u.Metadata).HasMaxLength(UploadOptions.MaxMetadataLength).IsRequired();
        upload.Property(u => u.UploaderName).HasMaxLength(UploadOptions.MaxUploaderLength);
        upload.Property(u => u.UploaderEmail).HasMaxLength(UploadOptions.MaxUploaderLength);
        upload.HasIndex(u => u.ExpiresAt);
    }
}
