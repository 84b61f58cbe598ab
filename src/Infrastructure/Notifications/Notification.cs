using Strata.Domain.Notifications;

namespace Strata.Infrastructure.Notifications;

/// <summary>One user's notification of one journal event (at most one per user and event).</summary>
public sealed class Notification
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public NotificationKind Kind { get; set; }

    /// <summary>The journal event it came from.</summary>
    public long EventSequence { get; set; }

    public required string EventType { get; set; }

    public long? NodeId { get; set; }

    /// <summary>The item's path when the event happened.</summary>
    public required string Path { get; set; }

    public bool IsFolder { get; set; }

    public string? ActorId { get; set; }

    /// <summary>A short plain-text excerpt (a comment's first words), shown escaped.</summary>
    public string? Excerpt { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Whether it shows in the app (the user may want some kinds by email only).</summary>
    public bool InApp { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>Waiting to go out by email (instantly or in the next digest).</summary>
    public bool EmailPending { get; set; }
}

/// <summary>A user's saved notification preferences; users without a row have the defaults.</summary>
public sealed class NotificationSetting
{
    public required string UserId { get; set; }

    /// <summary>Space-separated <see cref="NotificationKind"/> names wanted in the app.</summary>
    public required string InApp { get; set; }

    /// <summary>Space-separated <see cref="NotificationKind"/> names wanted by email.</summary>
    public required string Email { get; set; }

    public EmailFrequency Frequency { get; set; }

    public int DigestHour { get; set; }

    public required string TimeZone { get; set; }

    public NotificationPreferences ToPreferences() => new(Parse(InApp), Parse(Email), Frequency, DigestHour, TimeZone);

    public void Set(NotificationPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        InApp = Format(preferences.InApp);
        Email = Format(preferences.Email);
        Frequency = preferences.Frequency;
        DigestHour = preferences.DigestHour;
        TimeZone = preferences.TimeZone;
    }

    private static HashSet<NotificationKind> Parse(string kinds) => kinds
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(k => Enum.TryParse<NotificationKind>(k, out var kind) ? kind : (NotificationKind?)null)
        .OfType<NotificationKind>()
        .ToHashSet();

    private static string Format(IEnumerable<NotificationKind> kinds) => string.Join(' ', kinds.Order());
}

/// <summary>How far a journal follower has read, so that a restart neither repeats nor loses events.</summary>
public sealed class JournalCursor
{
    public required string Name { get; set; }

    public long Sequence { get; set; }
}
