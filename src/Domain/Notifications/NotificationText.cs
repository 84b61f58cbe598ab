namespace Strata.Domain.Notifications;

/// <summary>The plain-text sentence of a notification, for the bell and email alike (callers escape it for HTML).</summary>
public static class NotificationText
{
    /// <param name="kind">Why the user is notified.</param>
    /// <param name="actor">Who acted, by display name; null for a visitor or the system.</param>
    /// <param name="item">The item's name.</param>
    public static string Sentence(NotificationKind kind, string? actor, string item)
    {
        var who = actor ?? "Someone";
        return kind switch
        {
            NotificationKind.Mention => $"{who} mentioned you on {item}",
            NotificationKind.Reply => $"{who} replied to your comment on {item}",
            NotificationKind.TaskAssigned => $"{who} assigned you a task on {item}",
            NotificationKind.TaskDue => $"A task on {item} is due",
            NotificationKind.TaskDone => $"{who} completed your task on {item}",
            NotificationKind.SharedWithMe => $"{who} shared {item} with you",
            NotificationKind.LinkUpload => $"{item} was uploaded through your file request",
            _ => $"{who} commented on {item}",
        };
    }
}
