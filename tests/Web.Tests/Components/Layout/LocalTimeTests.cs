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

    public ValueTask DisposeAsync() => _bunit.DisposeAsync();
}
