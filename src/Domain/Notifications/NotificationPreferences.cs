namespace Strata.Domain.Notifications;

/// <summary>
/// A user's notification settings: which kinds reach them in the app and by email, how often email goes out, and the
/// local hour (in their IANA time zone) of daily and weekly digests. Users who never saved any have <see cref="Default"/>.
/// </summary>
public sealed record NotificationPreferences(
    IReadOnlySet<NotificationKind> InApp,
    IReadOnlySet<NotificationKind> Email,
    EmailFrequency Frequency,
    int DigestHour,
    string TimeZone)
{
    public const int DefaultDigestHour = 8;
    public const string DefaultTimeZone = "UTC";

    /// <summary>
    /// Everything in the app; by email what asks something of the user or opens something to them (mentions,
    /// replies, tasks, shares), sent instantly. Comments on one's files and uploads to one's links are frequent
    /// and rarely urgent, so they stay in the app.
    /// </summary>
    public static NotificationPreferences Default { get; } = new(
        Enum.GetValues<NotificationKind>().ToHashSet(),
        new HashSet<NotificationKind>
        {
            NotificationKind.Mention, NotificationKind.Reply, NotificationKind.TaskAssigned, NotificationKind.TaskDue,
            NotificationKind.TaskDone, NotificationKind.SharedWithMe,
        },
        EmailFrequency.Instant,
        DefaultDigestHour,
        DefaultTimeZone);

    public bool Wants(NotificationKind kind, NotificationChannel channel) => channel switch
    {
        NotificationChannel.InApp => InApp.Contains(kind),
        _ => Frequency != EmailFrequency.Off && Email.Contains(kind),
    };

    /// <summary>Null when valid, else why not: the hour must be 0–23 and the time zone a known IANA id.</summary>
    public string? Validate()
    {
        if (DigestHour is < 0 or > 23)
        {
            return "The digest hour must be between 0 and 23.";
        }

        return TryFindTimeZone(TimeZone) is null ? $"'{TimeZone}' is not a known IANA time zone." : null;
    }

    public static TimeZoneInfo? TryFindTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
