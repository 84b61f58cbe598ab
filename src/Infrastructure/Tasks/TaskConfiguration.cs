using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Domain.Files;
using Strata.Domain.Tasks;

namespace Strata.Infrastructure.Tasks;

internal sealed class TaskItemConfiguration : IEntityTypeConfiguration<TaskItem>
{
    public void Configure(EntityTypeBuilder<TaskItem> task)
    {
        task.ToTable("Tasks");
        task.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        task.Property(t => t.Completion).HasConversion<string>().HasMaxLength(8);
        task.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        task.Property(t => t.Title).HasMaxLength(TaskRules.MaxTitleLength).IsRequired();
        task.Property(t => t.Note).HasMaxLength(TaskRules.MaxNoteLength);
        task.Property(t => t.DueTimeZone).HasMaxLength(64);
        task.Property(t => t.CreatedBy).HasMaxLength(64).IsRequired();
        task.Ignore(t => t.Due);

        // The reminder job asks every minute for what is due: a range scan on this index, empty most of the time.
        task.HasIndex(t => t.NextReminderAt);

        // An item's tasks, and the open-task counts of a listing's rows.
        task.HasIndex(t => new { t.NodeId, t.Status });
        task.HasIndex(t => t.CreatedBy);
        task.HasOne<Node>().WithMany().HasForeignKey(t => t.NodeId).OnDelete(DeleteBehavior.Cascade);
        task.HasMany(t => t.Assignees).WithOne().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
        task.HasMany(t => t.Responders).WithOne().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaskAssigneeConfiguration : IEntityTypeConfiguration<TaskAssignee>
{
    public void Configure(EntityTypeBuilder<TaskAssignee> assignee)
    {
        assignee.ToTable("TaskAssignees");
        assignee.HasKey(a => new { a.TaskId, a.PrincipalKind, a.PrincipalId });
        assignee.Property(a => a.PrincipalKind).HasConversion<string>().HasMaxLength(16);
        assignee.Property(a => a.PrincipalId).HasMaxLength(64);
    }
}

internal sealed class TaskResponderConfiguration : IEntityTypeConfiguration<TaskResponder>
{
    public void Configure(EntityTypeBuilder<TaskResponder> responder)
    {
        responder.ToTable("TaskResponders");
        responder.HasKey(r => new { r.TaskId, r.UserId });
        responder.Property(r => r.UserId).HasMaxLength(64);
        responder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        responder.Property(r => r.Note).HasMaxLength(TaskRules.MaxNoteLength);

        // "My tasks": the tasks a user owes an answer to.
        responder.HasIndex(r => r.UserId);
    }
}
