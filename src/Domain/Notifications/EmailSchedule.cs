namespace Strata.Domain.Notifications;

/// <summary>When a user's pending email notifications are due to be sent.</summary>
public static class EmailSchedule
{
    /// <summary>How long an instant email waits after its first item, so that a burst becomes one message.</summary>
    public static readonly TimeSpan InstantWindow = TimeSpan.FromMinutes(10);

    /// <summary>At most this many items are listed in one email; the rest are counted.</summary>
    public const int MaxItems = 50;

    /// <summary>
    /// Whether the pending items, the oldest from <paramref name="oldestPending"/>, are due at <paramref name="now"/>:
    /// instant ones ten minutes after the first; digests once the latest digest slot (the user's local hour, daily or
    /// on Mondays) has passed since the oldest item. With email off nothing is ever due.
    /// </summary>
    public static bool IsDue(NotificationPreferences preferences, DateTimeOffset oldestPending, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return preferences.Frequency switch
        {
            EmailFrequency.Instant => now - oldestPending >= InstantWindow,
            EmailFrequency.Daily or EmailFrequency.Weekly => LatestSlot(preferences, now) > oldestPending,
            _ => false,
        };
    }

    /// <summary>The latest digest time at or before <paramref name="now"/>: the user's local hour today or earlier.</summary>
    public static DateTimeOffset LatestSlot(NotificationPreferences preferences, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        var zone = NotificationPreferences.TryFindTimeZone(preferences.TimeZone) ?? TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = local.Date;
        if (preferences.Frequency == EmailFrequency.Weekly)
        {
            day = day.AddDays(-(((int)day.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
        }

        var slot = AtLocal(zone, day.AddHours(preferences.DigestHour));
        var step = preferences.Frequency == EmailFrequency.Weekly ? 7 : 1;
        return slot <= now ? slot : AtLocal(zone, day.AddDays(-step).AddHours(preferences.DigestHour));
    }

    /// <summary>A local wall-clock time as an instant; an hour skipped by a daylight-saving change counts as the hour after it.</summary>
    private static DateTimeOffset AtLocal(TimeZoneInfo zone, DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }
}
