using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Strata.Domain.Notifications;
using Strata.Infrastructure.Notifications;
using Strata.Web.Files;
using Strata.Web.Identity;

namespace Strata.Web.Notifications;

/// <summary>Whether a kind of notification reaches the user in the app and by email.</summary>
public sealed record KindChannels(bool InApp, bool Email);

/// <summary>
/// A user's notification preferences: per kind (camelCase names: mention, reply, taskAssigned, taskDue, taskDone,
/// commentOnMyFile, linkUpload, sharedWithMe) the channels, the email frequency (instant, daily, weekly, off), and the
/// local hour and IANA time zone of digests. In a PUT, kinds left out keep their current setting.
/// </summary>
public sealed record PreferencesBody(IReadOnlyDictionary<string, KindChannels>? Kinds, string? EmailFrequency, int? DigestHour, string? TimeZone)
{
    public static PreferencesBody From(NotificationPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return new(
            Enum.GetValues<NotificationKind>().ToDictionary(Name, k => new KindChannels(preferences.InApp.Contains(k), preferences.Email.Contains(k))),
            Name(preferences.Frequency),
            preferences.DigestHour,
            preferences.TimeZone);
    }

    /// <summary>These preferences applied over <paramref name="current"/>; null with <paramref name="error"/> when a name is unknown.</summary>
    public NotificationPreferences? ApplyTo(NotificationPreferences current, out string? error)
    {
        ArgumentNullException.ThrowIfNull(current);
        var inApp = current.InApp.ToHashSet();
        var email = current.Email.ToHashSet();
        foreach (var (name, channels) in Kinds ?? new Dictionary<string, KindChannels>())
        {
            if (!TryParse<NotificationKind>(name, out var kind))
            {
                error = $"'{name}' is not a notification kind.";
                return null;
            }

            Toggle(inApp, kind, channels.InApp);
            Toggle(email, kind, channels.Email);
        }

        var frequency = current.Frequency;
        if (EmailFrequency is { } raw && !TryParse(raw, out frequency))
        {
            error = $"'{raw}' is not an email frequency (instant, daily, weekly or off).";
            return null;
        }

        error = null;
        return new NotificationPreferences(inApp, email, frequency, DigestHour ?? current.DigestHour, TimeZone ?? current.TimeZone);
    }

    private static void Toggle(HashSet<NotificationKind> kinds, NotificationKind kind, bool on)
    {
        if (on)
        {
            kinds.Add(kind);
        }
        else
        {
            kinds.Remove(kind);
        }
    }

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static bool TryParse<T>(string name, out T value)
        where T : struct, Enum => Enum.TryParse(name, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(name, out _);
}

/// <summary><c>/api/v1/notifications</c>: the caller's own notifications and preferences.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder endpoints)
    {
        var notifications = endpoints.MapGroup("/api/v1/notifications").RequireAuthorization().WithTags("Notifications");
        notifications.MapGet("/", ListAsync).WithName("ListNotifications").WithSummary("The caller's notifications, newest first, with the unread count.");
        notifications.MapPost("/{id:long}/read", MarkReadAsync).WithName("MarkNotificationRead").WithSummary("Marks one of the caller's notifications read.");
        notifications.MapPost("/read-all", MarkAllReadAsync).WithName("MarkAllNotificationsRead").WithSummary("Marks all the caller's notifications read.");
        notifications.MapGet("/preferences", GetPreferencesAsync).WithName("GetNotificationPreferences").WithSummary("The caller's notification preferences (the defaults until saved).");
        notifications.MapPut("/preferences", SetPreferencesAsync).WithName("SetNotificationPreferences").WithSummary("Saves the caller's notification preferences; kinds left out keep their setting.");
        return endpoints;
    }

    /// <summary>A page of at most <paramref name="limit"/> (default 20, at most 100); pass the answer's <c>before</c> for the next.</summary>
    public static async Task<Ok<NotificationPage>> ListAsync(HttpContext http, NotificationService notifications, long? before, int? limit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await notifications.ListAsync(http.User.ToCaller().UserId, before, limit ?? 20, cancellationToken));

    public static async Task<Results<NoContent, ProblemHttpResult>> MarkReadAsync(
        long id, HttpContext http, NotificationService notifications, IHubContext<NotificationsHub, INotificationsClient> hub, NotificationBell bell, CancellationToken cancellationToken)
    {
        var userId = http.User.ToCaller().UserId;
        if (!await notifications.MarkReadAsync(userId, id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"There is no notification {id}.");
        }

        await AnnounceUnreadAsync(userId, notifications, hub, bell, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> MarkAllReadAsync(
        HttpContext http, NotificationService notifications, IHubContext<NotificationsHub, INotificationsClient> hub, NotificationBell bell, CancellationToken cancellationToken)
    {
        var userId = http.User.ToCaller().UserId;
        await notifications.MarkAllReadAsync(userId, cancellationToken);
        await AnnounceUnreadAsync(userId, notifications, hub, bell, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PreferencesBody>> GetPreferencesAsync(HttpContext http, NotificationService notifications, CancellationToken cancellationToken) =>
        TypedResults.Ok(PreferencesBody.From(await notifications.GetPreferencesAsync(http.User.ToCaller().UserId, cancellationToken)));

    public static async Task<Results<Ok<PreferencesBody>, ProblemHttpResult>> SetPreferencesAsync(
        PreferencesBody body, HttpContext http, NotificationService notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var userId = http.User.ToCaller().UserId;
        if (body.ApplyTo(await notifications.GetPreferencesAsync(userId, cancellationToken), out var error) is not { } preferences)
        {
            return FsProblems.BadRequest(error!);
        }

        var saved = await notifications.SetPreferencesAsync(userId, preferences, cancellationToken);
        return saved.Succeeded ? TypedResults.Ok(PreferencesBody.From(saved.Value)) : FsProblems.From(saved);
    }

    /// <summary>Every open page of the user shows the new count.</summary>
    internal static async Task AnnounceUnreadAsync(
        string userId, NotificationService notifications, IHubContext<NotificationsHub, INotificationsClient> hub, NotificationBell bell, CancellationToken cancellationToken)
    {
        var unread = await notifications.UnreadCountAsync(userId, cancellationToken);
        await hub.Clients.User(userId).UnreadChanged(unread);
        await bell.PublishAsync(userId, unread);
    }
}
