using Strata.Domain.Journal;

namespace Strata.Domain.Tests.Journal;

public sealed class ActivityBurstsTests
{
    private const string Builds = "/Shared/Builds";
    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static EventSummary Upload(int minutesBeforeNoon, string? actor = "u-alice", string folder = Builds, string type = "FileCreated") =>
        new(type, actor, folder, Noon.AddMinutes(-minutesBeforeNoon));

    private static List<int> Sizes(IEnumerable<Range> runs) => runs.Select(r => r.End.Value - r.Start.Value).ToList();

    [Fact]
    public void Uploads_by_one_person_into_one_folder_a_few_minutes_apart_are_one_burst()
    {
        var events = Enumerable.Range(0, 30).Select(i => Upload(i * 4)).ToList();

        Sizes(ActivityBursts.Group(events)).ShouldBe([30]);
    }

    [Fact]
    public void A_pause_longer_than_the_gap_starts_a_new_burst()
    {
        var events = new[] { Upload(0), Upload(5), Upload(11), Upload(12) };

        Sizes(ActivityBursts.Group(events)).ShouldBe([2, 2]);
    }

    [Fact]
    public void Another_person_another_folder_or_another_kind_of_event_cuts_the_burst()
    {
        var events = new[]
        {
            Upload(0), Upload(1),
            Upload(2, actor: "u-bob"),
            Upload(3), Upload(4, folder: "/Shared/Other"),
            Upload(5), Upload(6, type: "Renamed"), Upload(7), Upload(8, type: "FileUpdated"),
        };

        Sizes(ActivityBursts.Group(events)).ShouldBe([2, 1, 1, 1, 1, 1, 2]);
    }

    [Fact]
    public void Every_event_is_in_exactly_one_run_in_order()
    {
        var events = new[] { Upload(0, type: "Trashed"), Upload(1), Upload(2), Upload(30) };

        var runs = ActivityBursts.Group(events);

        runs.Select(r => (r.Start.Value, r.End.Value)).ShouldBe([(0, 1), (1, 3), (3, 4)]);
        ActivityBursts.Group([]).ShouldBeEmpty();
    }

    [Fact]
    public void An_event_without_an_actor_is_never_grouped()
    {
        var events = new[] { Upload(0, actor: null), Upload(1, actor: null) };

        Sizes(ActivityBursts.Group(events)).ShouldBe([1, 1]);
    }
}
