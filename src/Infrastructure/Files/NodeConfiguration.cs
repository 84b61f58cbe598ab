using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Domain.Files;

namespace Strata.Infrastructure.Files;

internal sealed class NodeConfiguration : IEntityTypeConfiguration<Node>
{
    public void Configure(EntityTypeBuilder<Node> node)
    {
        node.HasKey(n => n.Id);
        node.Property(n => n.Name).HasMaxLength(255).IsRequired();
        node.Property(n => n.NameKey).HasMaxLength(255).IsRequired();

        // A run of digits grows by two characters in the sort key (NodeName.SortKeyOf), so 255 may double.
        node.Property(n => n.SortKey).HasMaxLength(512).IsRequired();
        node.Property(n => n.Path).HasMaxLength(NodePath.MaxUtf8Bytes).IsRequired();
        node.Property(n => n.PathKey).HasMaxLength(NodePath.MaxUtf8Bytes).IsRequired();
        node.Property(n => n.PathHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        node.Property(n => n.ContentHash).HasMaxLength(64).IsUnicode(false);
        node.Property(n => n.ContentType).HasMaxLength(255);
        node.Property(n => n.CreatedBy).HasMaxLength(64);
        node.Property(n => n.ModifiedBy).HasMaxLength(64);
        node.Property(n => n.TrashedBy).HasMaxLength(64);

        // Uniqueness holds among live nodes only: the trash may hold any number of same-named items.
        node.HasIndex(n => new { n.ParentId, n.NameKey }).IsUnique().HasFilter("TrashedAt IS NULL");
        node.HasIndex(n => n.PathHash).IsUnique().HasFilter("TrashedAt IS NULL");
        // A folder listed by name, folders first, reads its rows in order instead of sorting them all for each window.
        node.HasIndex(n => new { n.ParentId, n.IsFolder, n.SortKey }).IsDescending(false, true, false).HasFilter("TrashedAt IS NULL");
        node.HasIndex(n => n.TrashRootId);
        // NO ACTION, not RESTRICT: SQLite checks RESTRICT per row, so purging a folder with its children in one statement would fail.
        node.HasOne<Node>().WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.NoAction);
    }
}
