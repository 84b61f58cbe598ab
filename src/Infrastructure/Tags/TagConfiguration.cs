using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Domain.Files;
using Strata.Domain.Tags;

namespace Strata.Infrastructure.Tags;

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> tag)
    {
        tag.ToTable("Tags");
        tag.Property(t => t.Name).HasMaxLength(TagName.MaxLength).IsRequired();
        // Folding may lengthen a name (e.g. ß to SS), so the key gets room to spare.
        tag.Property(t => t.NameKey).HasMaxLength(TagName.MaxLength * 3).IsRequired();
        tag.Property(t => t.Scope).HasConversion<string>().HasMaxLength(16);
        tag.Property(t => t.OwnerId).HasMaxLength(64);
        tag.Property(t => t.ScopeKey).HasMaxLength(64).IsRequired();
        tag.Property(t => t.Color).HasMaxLength(7).IsRequired();
        tag.Property(t => t.CreatedBy).HasMaxLength(64);
        tag.HasIndex(t => new { t.ScopeKey, t.NameKey }).IsUnique();
    }
}

internal sealed class TagAssignmentConfiguration : IEntityTypeConfiguration<TagAssignment>
{
    public void Configure(EntityTypeBuilder<TagAssignment> assignment)
    {
        assignment.ToTable("TagAssignments");
        assignment.HasKey(a => new { a.TagId, a.NodeId });
        assignment.Property(a => a.AssignedBy).HasMaxLength(64);
        // Listings read the tags of a folder's children by node.
        assignment.HasIndex(a => a.NodeId);
        assignment.HasOne<Tag>().WithMany().HasForeignKey(a => a.TagId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne<Node>().WithMany().HasForeignKey(a => a.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FavoriteConfiguration : IEntityTypeConfiguration<Favorite>
{
    public void Configure(EntityTypeBuilder<Favorite> favorite)
    {
        favorite.ToTable("Favorites");
        favorite.HasKey(f => new { f.UserId, f.NodeId });
        favorite.Property(f => f.UserId).HasMaxLength(64);
        favorite.HasIndex(f => f.NodeId);
        favorite.HasOne<Node>().WithMany().HasForeignKey(f => f.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
