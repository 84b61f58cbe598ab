using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Domain.Files;

namespace Strata.Infrastructure.Sharing;

internal sealed class PublicLinkConfiguration : IEntityTypeConfiguration<PublicLink>
{
    public void Configure(EntityTypeBuilder<PublicLink> link)
    {
        link.ToTable("PublicLinks");
        link.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        link.Property(l => l.TokenHash).HasMaxLength(64).IsUnicode(false);
        link.Property(l => l.CreatedBy).HasMaxLength(64);
        link.Property(l => l.PasswordHash).HasMaxLength(256);
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasIndex(l => l.CreatedBy);
        link.HasOne<Node>().WithMany().HasForeignKey(l => l.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
