using System.Globalization;
using Bunit;
using Strata.Web.Components.Layout;

namespace Strata.Web.Tests.Components.Layout;

public sealed class LocalTimeTests : IAsyncDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 6, 47, 0, TimeSpan.Zero);
    private readonly BunitContext _bunit = new();

    [Fact]
    public void A_moment_reads_in_the_viewers_zone_and_language_with_the_utc_instant_as_its_tooltip()
    {
        var viewer = new ViewerTime(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), CultureInfo.GetCultureInfo("de-DE"));

        var shown = _bunit.Render<LocalTime>(p => p.Add(l => l.At, At).AddCascadingValue(viewer));

        var span = shown.Find("span");
        span.TextContent.ShouldBe("03.12.2026 15:47");
        span.GetAttribute("title").ShouldBe("2026-12-03 06:47:00Z");
    }

    [Fact]
    public void Without_a_viewer_the_servers_zone_and_culture_apply()
    {
        var shown = _bunit.Render<LocalTime>(p => p.Add(l => l.At, At));

        shown.Find("span").TextContent.ShouldBe(ViewerTime.Server.Format(At));
    }

    [Theory]
    [InlineData("../../../etc/passwd", "en-US")]
    [InlineData("/etc/localtime", "en-US")]
    [InlineData("Europe/Nowhere", "en-US")]
    [InlineData("Europe/Berlin", "")]
    [InlineData("Europe/Berlin", "not a language at all")]
    public void A_zone_or_language_the_server_cannot_honour_is_refused(string timeZone, string language) =>
        ViewerTime.From(timeZone, language).ShouldBeNull();

    [Fact]
    public void An_iana_zone_and_a_language_tag_are_honoured() =>
        ViewerTime.From("America/Argentina/Buenos_Aires", "es-AR")!.Format(At).ShouldContain("03:47");

    [Fact]
    public void A_last_day_chosen_for_a_link_ends_at_the_next_midnight_of_the_creators_zone_and_reads_as_that_day()
    {
        var creator = new ViewerTime(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), CultureInfo.GetCultureInfo("en-US"));

        var expires = creator.EndOf(new DateOnly(2026, 12, 20));

        expires.ShouldBe(new DateTimeOffset(2026, 12, 21, 0, 0, 0, TimeSpan.FromHours(-5)));
        _bunit.Render<LocalTime>(p => p.Add(l => l.At, expires).Add(l => l.Deadline, true).AddCascadingValue(creator)).Find("span").TextContent.ShouldBe("12/20/2026");

        // Someone in another zone sees when it ends for them: not a midnight there, so with its time.
        var tokyo = new ViewerTime(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), CultureInfo.GetCultureInfo("de-DE"));
        _bunit.Render<LocalTime>(p => p.Add(l => l.At, expires).Add(l => l.Deadline, true).AddCascadingValue(tokyo)).Find("span").TextContent.ShouldBe("21.12.2026 14:00");
    }

    [Fact]
    public void A_day_whose_midnight_summer_time_skips_ends_at_its_first_moment()
    {
        // Santiago moved its clocks from 00:00 to 01:00 on 2026-09-06.
        var santiago = new ViewerTime(TimeZoneInfo.FindSystemTimeZoneById("America/Santiago"), CultureInfo.GetCultureInfo("es-CL"));

        var expires = santiago.EndOf(new DateOnly(2026, 9, 5));

        expires.ToUniversalTime().ShouldBe(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero));
    }

    public ValueTask DisposeAsync() => _bunit.DisposeAsync();
}
