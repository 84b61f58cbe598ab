using Strata.Domain.Tasks;

namespace Strata.Domain.Tests.Tasks;

public sealed class TaskDueTests
{
    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_and_non_IANA_zones_are_refused(string? zone)
    {
        TaskDue.TryCreate(new DateTime(2027, 6, 10, 17, 0, 0, DateTimeKind.Unspecified), zone, out _, out var error).ShouldBeFalse();
        error.ShouldContain("IANA");
    }

    [Fact]
    public void A_due_time_is_kept_with_its_zone_and_as_utc()
    {
        TaskDue.TryCreate(new DateTime(2027, 1, 15, 9, 0, 0, DateTimeKind.Unspecified), "America/New_York", out var due, out _).ShouldBeTrue();

        due.TimeZone.ShouldBe("America/New_York");
        due.Local.ShouldBe(new DateTime(2027, 1, 15, 9, 0, 0, DateTimeKind.Unspecified));
        due.Utc.ShouldBe(new DateTimeOffset(2027, 1, 15, 14, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_time_the_clock_skips_is_refused_and_a_repeated_one_is_the_later()
    {
        TaskDue.TryCreate(new DateTime(2027, 3, 28, 2, 30, 0, DateTimeKind.Unspecified), "Europe/Berlin", out _, out var error).ShouldBeFalse();
        error.ShouldContain("skip");

        TaskDue.TryCreate(new DateTime(2027, 10, 31, 2, 30, 0, DateTimeKind.Unspecified), "Europe/Berlin", out var repeated, out _).ShouldBeTrue();
        repeated.Utc.ShouldBe(new DateTimeOffset(2027, 10, 31, 1, 30, 0, TimeSpan.Zero));
    }
}
