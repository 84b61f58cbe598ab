using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Notifications;

public static class NotificationsRegistration
{
    /// <summary>Notifications derived from the journal, the user's own list and preferences, and email through <c>Strata:Smtp</c>.</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<SmtpOptions>(SmtpOptions.Section);
        builder.AddSettings<PublicUrlOptions>(PublicUrlOptions.Section);
        builder.Services.AddSingleton<NotificationDeriver>();
        builder.Services.AddSingleton<NotificationService>();
        builder.Services.AddSingleton<NotificationMailer>();
        return builder;
    }
}
