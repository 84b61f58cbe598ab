using Microsoft.EntityFrameworkCore;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Domain.Tasks;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Tasks;

/// <summary>
/// Writes the reminders that have come due as <c>TaskDue</c> journal events (the notifications follow from the journal)
/// and moves each task's <see cref="TaskItem.NextReminderAt"/> on. Called every minute: an indexed range query that is
/// empty most of the time.
/// </summary>
public sealed class TaskReminders(IDbContextFactory<StrataDbContext> dbFactory, PermissionService permissions, TimeProvider clock)
{
    /// <summary>At most this many tasks a run; the rest come the next minute.</summary>
    private const int Batch = 200;

    /// <summary>Returns how many reminders were written.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Tasks
            .Where(t => t.NextReminderAt != null && t.NextReminderAt <= now)
            .OrderBy(t => t.NextReminderAt)
            .Take(Batch)
            .Include(t => t.Responders)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var nodeIds = due.Select(t => t.NodeId).Distinct().ToList();
        var nodes = await db.Nodes.AsNoTracking().Where(n => nodeIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        var owing = due.SelectMany(t => t.Responders).Where(r => r.Outcome is null).Select(r => r.UserId).Distinct().ToList();
        var rights = await permissions.ForUsersAsync(owing, cancellationToken);
        var sent = 0;
        foreach (var (task, node) in due.Select(t => (t, nodes[t.NodeId])))
        {
            var schedule = task.Due;
            task.NextReminderAt = task.Status == TaskItemStatus.Open && schedule is not null ? ReminderSchedule.Next(schedule, now)?.At : null;
            if (task.Status != TaskItemStatus.Open || schedule is null || node.TrashedAt is not null
                || ReminderSchedule.Latest(schedule, now) is not { } reminder)
            {
                continue;
            }

            // Only those who still owe an answer and can still see the item are reminded.
            var path = NodePath.Parse(node.Path);
            var reminded = task.Responders
                .Where(r => r.Outcome is null && rights.TryGetValue(r.UserId, out var their) && their.CanSee(path))
                .Select(r => r.UserId)
                .ToList();
            if (reminded.Count == 0)
            {
                continue;
            }

            db.Journal.Add(TaskService.Event(JournalEventType.TaskDue, node, task, actor: null, now, reminded,
                new() { ["reminder"] = reminder.Kind.ToString().ToLowerInvariant() }));
            sent++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }
}
