using System.Diagnostics.CodeAnalysis;

namespace Strata.Domain.Tasks;

/// <summary>
/// A due date as people set it: a wall-clock time in an IANA time zone (the assignee's, or one the creator chose), kept
/// with its zone so that reminders "a day before" and "daily" follow that zone's clock across daylight-saving changes.
/// </summary>
public sealed record TaskDue(DateTime Local, string TimeZone, DateTimeOffset Utc)
{
    /// <summary>
    /// Parses a wall-clock time in an IANA zone. A time the clock skips (the hour lost in spring) is refused; a time
    /// it shows twice (the hour repeated in autumn) means its later, standard-time occurrence.
    /// </summary>
    public static bool TryCreate(DateTime local, string? timeZone, [NotNullWhen(true)] out TaskDue? due, [NotNullWhen(false)] out string? error)
    {
        due = null;
        if (!TryFindZone(timeZone, out var zone))
        {
            error = $"'{timeZone}' is not a known IANA time zone (e.g. Europe/Berlin).";
            return false;
        }

        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            error = $"{wall:yyyy-MM-dd HH:mm} does not exist in {timeZone}: the clocks skip it.";
            return false;
        }

        due = new TaskDue(wall, zone.Id, ToUtc(wall, zone));
        error = null;
        return true;
    }

    /// <summary>The instant a wall-clock time in <paramref name="zone"/> stands for; a skipped time moves forward by the gap, as the clock does.</summary>
    public static DateTimeOffset ToUtc(DateTime wall, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            // The offset from before the gap: 02:30 on the spring-forward night reads as 03:30 of the new offset.
            var before = zone.GetUtcOffset(wall.AddHours(-3));
            return new DateTimeOffset(wall - before, TimeSpan.Zero);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(wall, zone), TimeSpan.Zero);
    }

    /// <summary>Only IANA ids (with a '/', or UTC), so that a Windows name is not accepted on one platform and refused on another.</summary>
    public static bool TryFindZone(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || !(id.Contains('/', StringComparison.Ordinal) || id == "UTC"))
        {
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone);
    }
}
