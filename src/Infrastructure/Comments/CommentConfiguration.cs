using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Domain.Comments;
using Strata.Domain.Files;

namespace Strata.Infrastructure.Comments;

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.ToTable("Comments");
        comment.Ignore(c => c.IsRoot);
        comment.Property(c => c.AuthorId).HasMaxLength(64);
        comment.Property(c => c.Body).HasMaxLength(CommentText.MaxLength);
        comment.Property(c => c.ResolvedBy).HasMaxLength(64);
        comment.Property(c => c.AnchorKind).HasConversion<string>().HasMaxLength(16);
        // A page of threads is a range of roots of one node by id; replies are found by their root.
        comment.HasIndex(c => new { c.NodeId, c.ParentId, c.Id });
        comment.HasIndex(c => c.ParentId);
        comment.HasOne<Node>().WithMany().HasForeignKey(c => c.NodeId).OnDelete(DeleteBehavior.Cascade);
        // Checked at the end of a statement: purging a node removes a thread with its replies in one go.
        comment.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class CommentReactionConfiguration : IEntityTypeConfiguration<CommentReaction>
{
    public void Configure(EntityTypeBuilder<CommentReaction> reaction)
    {
        reaction.ToTable("CommentReactions");
        reaction.HasKey(r => new { r.CommentId, r.UserId, r.Emoji });
        reaction.Property(r => r.UserId).HasMaxLength(64);
        reaction.Property(r => r.Emoji).HasMaxLength(CommentText.MaxEmojiLength);
        reaction.HasOne<Comment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommentSettingConfiguration : IEntityTypeConfiguration<CommentSetting>
{
    public void Configure(EntityTypeBuilder<CommentSetting> setting)
    {
        setting.ToTable("CommentSettings");
        setting.HasKey(s => s.NodeId);
        setting.Property(s => s.Policy).HasConversion<string>().HasMaxLength(16);
        setting.Property(s => s.ChangedBy).HasMaxLength(64);
        setting.HasOne<Node>().WithMany().HasForeignKey(s => s.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
