using Microsoft.AspNetCore.SignalR;
using Strata.Infrastructure.Notifications;

namespace Strata.Web.Notifications;

/// <summary>
/// Follows the journal (through <see cref="NotificationDeriver"/>'s stored cursor) and pushes each new in-app
/// notification to its user's open pages, over the hub and to in-process views (the bell), with the new unread count.
/// Polls often enough to deliver within a second; a batch that fails (another instance advanced the cursor first) is
/// simply read again.
/// </summary>
public sealed class NotificationFollower(
    NotificationDeriver deriver,
    NotificationService notifications,
    NotificationBell bell,
    IHubContext<NotificationsHub, INotificationsClient> hub,
    ILogger<NotificationFollower> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Places the cursor first: hosted services start before the server takes its first request.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await deriver.StartAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                DerivedNotifications derived;
                do
                {
                    derived = await deriver.DeriveNextAsync(stoppingToken);
                    await PushAsync(derived.Created, stoppingToken);
                    foreach (var userId in derived.WithdrawnFrom)
                    {
                        await NotificationsApi.AnnounceUnreadAsync(userId, notifications, hub, bell, stoppingToken);
                    }
                }
                while (!derived.IsEmpty);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Deriving notifications failed; retrying.");
            }
        }
    }

    private async Task PushAsync(IReadOnlyList<Notification> created, CancellationToken cancellationToken)
    {
        foreach (var mine in created.GroupBy(n => n.UserId, StringComparer.Ordinal))
        {
            var page = await notifications.ListAsync(mine.Key, before: mine.Max(n => n.Id) + 1, limit: mine.Count(), cancellationToken);
            foreach (var view in page.Items.Reverse())
            {
                await hub.Clients.User(mine.Key).NotificationReceived(view, page.Unread);
            }

            await bell.PublishAsync(mine.Key, page.Unread);
        }
    }
}
