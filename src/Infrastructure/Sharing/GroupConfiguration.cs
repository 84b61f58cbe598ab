using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Infrastructure.Identity;

namespace Strata.Infrastructure.Sharing;

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> group)
    {
        group.ToTable("Groups");
        group.Property(g => g.Name).HasMaxLength(GroupService.MaxNameLength).IsRequired();
        group.Property(g => g.NameKey).HasMaxLength(GroupService.MaxNameLength).IsRequired();
        group.HasIndex(g => g.NameKey).IsUnique();
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> member)
    {
        member.ToTable("GroupMembers");
        member.HasKey(m => new { m.GroupId, m.UserId });
        member.Property(m => m.UserId).HasMaxLength(64);
        // Permission checks start from the user: "which groups am I in".
        member.HasIndex(m => m.UserId);
        member.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<StrataUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
