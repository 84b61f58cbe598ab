using Strata.Domain.Notifications;

namespace Strata.Domain.Tests.Notifications;

public sealed class NotificationPreferencesTests
{
    [Theory]
    [InlineData(NotificationKind.Mention, true)]
    [InlineData(NotificationKind.Reply, true)]
    [InlineData(NotificationKind.TaskAssigned, true)]
    [InlineData(NotificationKind.SharedWithMe, true)]
    [InlineData(NotificationKind.CommentOnMyFile, false)]
    [InlineData(NotificationKind.LinkUpload, false)]
    public void Defaults_show_everything_in_app_and_email_what_asks_something_of_the_user(NotificationKind kind, bool email)
    {
        var defaults = NotificationPreferences.Default;

        defaults.Wants(kind, NotificationChannel.InApp).ShouldBeTrue();
        defaults.Wants(kind, NotificationChannel.Email).ShouldBe(email);
        defaults.Frequency.ShouldBe(EmailFrequency.Instant);
    }

    [Fact]
    public void Email_frequency_off_wants_no_email()
    {
        var off = NotificationPreferences.Default with { Frequency = EmailFrequency.Off };

        off.Wants(NotificationKind.Mention, NotificationChannel.Email).ShouldBeFalse();
        off.Wants(NotificationKind.Mention, NotificationChannel.InApp).ShouldBeTrue();
    }

    [Theory]
    [InlineData(8, "Europe/Berlin", null)]
    [InlineData(24, "UTC", "hour")]
    [InlineData(-1, "UTC", "hour")]
    [InlineData(8, "Mars/Olympus", "time zone")]
    public void Validate_checks_hour_and_time_zone(int hour, string zone, string? error)
    {
        var message = (NotificationPreferences.Default with { DigestHour = hour, TimeZone = zone }).Validate();

        if (error is null)
        {
            message.ShouldBeNull();
        }
        else
        {
            message.ShouldNotBeNull().ShouldContain(error);
        }
    }
}
