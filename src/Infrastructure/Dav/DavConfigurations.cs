using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Domain.Files;

namespace Strata.Infrastructure.Dav;

internal sealed class DavLockConfiguration : IEntityTypeConfiguration<DavLock>
{
    public void Configure(EntityTypeBuilder<DavLock> davLock)
    {
        davLock.ToTable("DavLocks");
        davLock.HasKey(l => l.Token);
        davLock.Property(l => l.Token).HasMaxLength(64).IsUnicode(false);
        davLock.Property(l => l.Path).HasMaxLength(NodePath.MaxUtf8Bytes).IsRequired();
        davLock.Property(l => l.PathKey).HasMaxLength(NodePath.MaxUtf8Bytes).IsRequired();
        davLock.Property(l => l.OwnerId).HasMaxLength(64).IsRequired();
        davLock.Property(l => l.OwnerName).HasMaxLength(256).IsRequired();
        davLock.Property(l => l.OwnerXml).HasMaxLength(DavLock.MaxOwnerXml);
        davLock.HasIndex(l => l.PathKey);
    }
}

internal sealed class DeadPropertyConfiguration : IEntityTypeConfiguration<DeadProperty>
{
    public void Configure(EntityTypeBuilder<DeadProperty> property)
    {
        property.ToTable("DavProperties");
        property.HasKey(p => p.Id);
        property.Property(p => p.Namespace).HasMaxLength(DeadProperty.MaxNamespace).IsRequired();
        property.Property(p => p.Name).HasMaxLength(DeadProperty.MaxName).IsRequired();
        property.Property(p => p.Value).IsRequired();
        property.HasIndex(p => new { p.NodeId, p.Namespace, p.Name }).IsUnique();
        property.HasOne<Node>().WithMany().HasForeignKey(p => p.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BlobChecksumConfiguration : IEntityTypeConfiguration<BlobChecksum>
{
    public void Configure(EntityTypeBuilder<BlobChecksum> checksum)
    {
        checksum.ToTable("BlobChecksums");
        checksum.HasKey(c => c.ContentHash);
        checksum.Property(c => c.ContentHash).HasMaxLength(64).IsUnicode(false);
        checksum.Property(c => c.Sha1).HasMaxLength(40).IsUnicode(false).IsRequired();
        checksum.Property(c => c.Md5).HasMaxLength(32).IsUnicode(false).IsRequired();
        checksum.Ignore(c => c.OwnCloudForm);
    }
}
