using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Domain.Sharing;

namespace Strata.Infrastructure.Sharing;

internal sealed class LinkPolicyConfiguration : IEntityTypeConfiguration<LinkPolicy>
{
    public void Configure(EntityTypeBuilder<LinkPolicy> policy)
    {
        policy.ToTable("LinkPolicies");
        policy.HasKey(p => p.Kind);
        policy.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        policy.Property(p => p.UpdatedBy).HasMaxLength(256);
    }
}
