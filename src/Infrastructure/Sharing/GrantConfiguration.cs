using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Domain.Files;

namespace Strata.Infrastructure.Sharing;

internal sealed class GrantConfiguration : IEntityTypeConfiguration<Grant>
{
    public void Configure(EntityTypeBuilder<Grant> grant)
    {
        grant.ToTable("Grants");
        grant.Property(g => g.PrincipalKind).HasConversion<string>().HasMaxLength(16);
        grant.Property(g => g.PrincipalId).HasMaxLength(64);
        grant.Property(g => g.Level).HasConversion<string>().HasMaxLength(16);
        grant.Property(g => g.CreatedBy).HasMaxLength(64);
        grant.HasIndex(g => new { g.NodeId, g.PrincipalKind, g.PrincipalId }).IsUnique();
        // "Shared with me" and group deletion look grants up by principal.
        grant.HasIndex(g => new { g.PrincipalKind, g.PrincipalId });
        grant.HasOne<Node>().WithMany().HasForeignKey(g => g.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
