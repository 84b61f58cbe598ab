using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Strata.Infrastructure.Notifications;

namespace Strata.Web.Notifications;

/// <summary>What the server calls on clients of <see cref="NotificationsHub"/>.</summary>
public interface INotificationsClient
{
    /// <summary>A new notification for the connection's user, with their unread count after it.</summary>
    Task NotificationReceived(NotificationView notification, int unread);

    /// <summary>The user's unread count changed (read in another tab).</summary>
    Task UnreadChanged(int unread);
}

/// <summary>
/// <c>/hubs/notifications</c>: the signed-in user's new notifications, sent to all their connections (SignalR's user
/// addressing, by the user id claim). Clients only listen.
/// </summary>
[Authorize]
public sealed class NotificationsHub : Hub<INotificationsClient>;
