using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Domain.Files;

namespace Strata.Infrastructure.Files;

internal sealed class FileVersionConfiguration : IEntityTypeConfiguration<FileVersion>
{
    public void Configure(EntityTypeBuilder<FileVersion> version)
    {
        version.HasKey(v => v.Id);
        version.Property(v => v.ContentHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        version.Property(v => v.CreatedBy).HasMaxLength(64);
        version.HasIndex(v => new { v.NodeId, v.Number }).IsUnique();
        version.HasIndex(v => v.ContentHash);
        version.HasOne<Node>().WithMany().HasForeignKey(v => v.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
