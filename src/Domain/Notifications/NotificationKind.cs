namespace Strata.Domain.Notifications;

/// <summary>
/// Why a user hears of an event; stored and sent by name, so names are a contract. Declared strongest first: when
/// several reasons apply to one user and event, the user gets one notification of the strongest.
/// </summary>
public enum NotificationKind
{
    Mention,
    Reply,
    TaskAssigned,
    TaskDue,
    TaskDone,
    SharedWithMe,
    LinkUpload,
    CommentOnMyFile,
}

/// <summary>How a notification reaches its user.</summary>
public enum NotificationChannel
{
    InApp,
    Email,
}

/// <summary>How often a user's email notifications are sent.</summary>
public enum EmailFrequency
{
    /// <summary>Within minutes, with what happens in the first ten minutes bundled into one message.</summary>
    Instant,
    Daily,
    Weekly,
    Off,
}
