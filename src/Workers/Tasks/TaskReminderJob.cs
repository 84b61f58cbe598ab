using Microsoft.Extensions.Logging;
using Microsoft.FeatureManagement;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Tasks;

namespace Strata.Workers.Tasks;

/// <summary>Every minute: writes the task reminders that have come due, so each goes out within a minute of its time.</summary>
public sealed class TaskReminderJob(TaskReminders reminders, IFeatureManager features, ILogger<TaskReminderJob> logger)
{
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        // Switched off, reminders wait; once on again only the latest due one per task is sent.
        if (!await features.IsEnabledAsync(FlagNames.Tasks))
        {
            return 0;
        }

        var sent = await reminders.SendDueAsync(cancellationToken);
        if (sent > 0)
        {
            logger.LogInformation("Task reminders: {Count} written", sent);
        }

        return sent;
    }
}
