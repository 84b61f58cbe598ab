using Strata.Domain.Notifications;

namespace Strata.Domain.Tests.Notifications;

public sealed class EmailScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Instant_is_due_ten_minutes_after_the_first_pending_item()
    {
        var instant = NotificationPreferences.Default;

        EmailSchedule.IsDue(instant, Start, Start.AddMinutes(9).AddSeconds(59)).ShouldBeFalse();
        EmailSchedule.IsDue(instant, Start, Start.AddMinutes(10)).ShouldBeTrue();
    }

    [Fact]
    public void Daily_digest_is_due_once_the_local_hour_has_passed_since_the_oldest_item()
    {
        var daily = NotificationPreferences.Default with { Frequency = EmailFrequency.Daily, DigestHour = 8, TimeZone = "Europe/Berlin" };

        // 09:00 UTC is 10:00 in Berlin: today's 08:00 (07:00 UTC) slot came before the item; tomorrow's is due.
        EmailSchedule.IsDue(daily, Start, Start.AddHours(21)).ShouldBeFalse();
        EmailSchedule.IsDue(daily, Start, new DateTimeOffset(2026, 3, 5, 7, 0, 0, TimeSpan.Zero)).ShouldBeTrue();
    }

    [Fact]
    public void Daily_digest_follows_the_local_hour_across_a_daylight_saving_change()
    {
        var daily = NotificationPreferences.Default with { Frequency = EmailFrequency.Daily, DigestHour = 8, TimeZone = "Europe/Berlin" };
        var before = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);

        // Berlin moves to UTC+2 on 29 March 2026: 08:00 local is then 06:00 UTC.
        EmailSchedule.LatestSlot(daily, new DateTimeOffset(2026, 3, 29, 6, 30, 0, TimeSpan.Zero)).ShouldBe(new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero));
        EmailSchedule.IsDue(daily, before, new DateTimeOffset(2026, 3, 29, 5, 59, 0, TimeSpan.Zero)).ShouldBeFalse();
        EmailSchedule.IsDue(daily, before, new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero)).ShouldBeTrue();
    }

    [Fact]
    public void Weekly_digest_is_due_on_monday_at_the_local_hour()
    {
        var weekly = NotificationPreferences.Default with { Frequency = EmailFrequency.Weekly, DigestHour = 7, TimeZone = "UTC" };

        // Wednesday 4 March; the next Monday is 9 March.
        EmailSchedule.IsDue(weekly, Start, new DateTimeOffset(2026, 3, 8, 23, 0, 0, TimeSpan.Zero)).ShouldBeFalse();
        EmailSchedule.IsDue(weekly, Start, new DateTimeOffset(2026, 3, 9, 6, 59, 0, TimeSpan.Zero)).ShouldBeFalse();
        EmailSchedule.IsDue(weekly, Start, new DateTimeOffset(2026, 3, 9, 7, 0, 0, TimeSpan.Zero)).ShouldBeTrue();
    }

    [Fact]
    public void Nothing_is_due_with_email_off()
    {
        EmailSchedule.IsDue(NotificationPreferences.Default with { Frequency = EmailFrequency.Off }, Start, Start.AddDays(30)).ShouldBeFalse();
    }
}
