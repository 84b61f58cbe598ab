using System.Globalization;
using Microsoft.JSInterop;

namespace Strata.Web.Components.Layout;

/// <summary>
/// Dates as the person looking at them reads them: in their browser's time zone and language, not the server's
/// (one server serves a team spread over time zones). The layout cascades it: from the browser's cookie while a page is
/// prerendered and as the circuit starts, then from the browser itself. Without either (a first visit's prerendered
/// page, or a component rendered on its own) the server's zone and culture apply.
/// </summary>
public sealed record ViewerTime(TimeZoneInfo Zone, CultureInfo Culture)
{
    /// <summary>Where the browser keeps its answer (<c>zone|language</c>) for pages rendered before their circuit starts.</summary>
    public const string Cookie = "strata-clock";

    public static ViewerTime Server => new(TimeZoneInfo.Local, CultureInfo.CurrentCulture);

    /// <summary>Short date and time in the viewer's zone, written the way their language writes it.</summary>
    public string Format(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("g", Culture);

    /// <summary>
    /// A deadline such as a link's expiry. One that falls on a midnight in the viewer's zone is the end of the day
    /// before, the last day it still works, so it reads as that day (an expiry chosen as "the 20th" is not "the 21st,
    /// 12:00 AM"); any other reads with its time.
    /// </summary>
    public string FormatDeadline(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        return local.TimeOfDay == TimeSpan.Zero ? local.AddDays(-1).ToString("d", Culture) : local.ToString("g", Culture);
    }

    /// <summary>The viewer's date at <paramref name="now"/>.</summary>
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);

    /// <summary>The end of <paramref name="day"/> in the viewer's zone: the next midnight there (or the first valid moment of that day when summer time skips midnight).</summary>
    public DateTimeOffset EndOf(DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        while (Zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(15);
        }

        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    /// <summary>The browser's zone and language; null when JavaScript is not reachable or names a zone or language this server does not know.</summary>
    public static async Task<ViewerTime?> FromBrowserAsync(IJSRuntime js)
    {
        ArgumentNullException.ThrowIfNull(js);
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/viewer.js");
            var browser = await module.InvokeAsync<BrowserClock>("viewer");
            return From(browser.TimeZone, browser.Language);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The zone and language a client names, or null. The client chooses both, and on Linux a zone name is a path under
    /// the zoneinfo folder, so only IANA-shaped names (Area/Location) are looked up.
    /// </summary>
    public static ViewerTime? From(string? timeZone, string? language)
    {
        if (timeZone is not { Length: > 0 and <= 64 } || timeZone[0] == '/' || timeZone.Contains("..", StringComparison.Ordinal)
            || !timeZone.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+') || string.IsNullOrEmpty(language))
        {
            return null;
        }

        try
        {
            return new ViewerTime(TimeZoneInfo.FindSystemTimeZoneById(timeZone), CultureInfo.GetCultureInfo(language));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The zone and language of a <see cref="Cookie"/> value, or null.</summary>
    public static ViewerTime? FromCookie(string? value) => value?.Split('|') is [var timeZone, var language] ? From(timeZone, language) : null;

    private sealed record BrowserClock(string TimeZone, string Language);
}
