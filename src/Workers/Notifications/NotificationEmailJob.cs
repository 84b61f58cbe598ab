using Microsoft.Extensions.Logging;
using Strata.Infrastructure.Notifications;

namespace Strata.Workers.Notifications;

/// <summary>
/// Every minute: sends each user's notification email that is due (instant bundles ten minutes after their first
/// item, digests at the user's local hour). Idempotent: what was sent is no longer pending.
/// </summary>
public sealed class NotificationEmailJob(NotificationMailer mailer, ILogger<NotificationEmailJob> logger)
{
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var sent = await mailer.SendDueAsync(cancellationToken);
        if (sent > 0)
        {
            logger.LogInformation("Notification email: {Count} messages sent", sent);
        }

        return sent;
    }
}
