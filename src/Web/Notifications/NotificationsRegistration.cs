using Strata.Infrastructure.Notifications;

namespace Strata.Web.Notifications;

public static class WebNotificationsRegistration
{
    public const string HubPath = "/hubs/notifications";

    /// <summary>The notification services, the journal follower that derives and pushes them, and the hub.</summary>
    public static IHostApplicationBuilder AddWebNotifications(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddNotifications();
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<NotificationBell>();
        builder.Services.AddHostedService<NotificationFollower>();
        return builder;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapNotificationsApi();
        endpoints.MapHub<NotificationsHub>(HubPath);
        return endpoints;
    }
}
