using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Domain.Files;
using Strata.Domain.Journal;

namespace Strata.Infrastructure.Journal;

internal sealed class JournalEventConfiguration : IEntityTypeConfiguration<JournalEvent>
{
    public void Configure(EntityTypeBuilder<JournalEvent> journal)
    {
        journal.ToTable("Journal");
        journal.HasKey(e => e.Sequence);
        journal.Property(e => e.Sequence).ValueGeneratedOnAdd();
        journal.Property(e => e.Type).HasMaxLength(64).IsRequired();
        journal.Property(e => e.Path).HasMaxLength(NodePath.MaxUtf8Bytes).IsRequired();
        journal.Property(e => e.PathKey).HasMaxLength(NodePath.MaxUtf8Bytes).IsRequired();
        journal.Property(e => e.OldPath).HasMaxLength(NodePath.MaxUtf8Bytes);
        journal.Property(e => e.ActorId).HasMaxLength(64);
        journal.Property(e => e.PrivateTo).HasMaxLength(64);
        journal.Property(e => e.Details).HasMaxLength(1024);
        journal.HasIndex(e => e.LinkId);

        // An item's own history (the details drawer's Activity tab), newest first.
        journal.HasIndex(e => new { e.NodeId, e.Sequence });
    }
}
