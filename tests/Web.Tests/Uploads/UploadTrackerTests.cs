using Microsoft.Extensions.Time.Testing;
using Strata.Web.Uploads;

namespace Strata.Web.Tests.Uploads;

public sealed class UploadTrackerTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly UploadTracker _tracker;

    public UploadTrackerTests() => _tracker = new UploadTracker(_clock);

    [Fact]
    public void Speed_and_time_left_follow_the_reports()
    {
        var item = _tracker.Add(1, "build.bin", "/Shared", 100_000_000);
        _tracker.Started(1);

        _clock.Advance(TimeSpan.FromSeconds(1));
        _tracker.Progressed(1, 10_000_000);

        item.Speed.ShouldBe(10_000_000, tolerance: 1);
        item.TimeLeft.ShouldBe(TimeSpan.FromSeconds(9));
        item.Percent.ShouldBe(10);
        _tracker.TotalTimeLeft.ShouldBe(TimeSpan.FromSeconds(9));
    }

    [Fact]
    public void Every_byte_sent_but_not_yet_confirmed_leaves_no_time_to_count_down()
    {
        var item = _tracker.Add(1, "small.txt", "/Shared", 5);
        _tracker.Started(1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _tracker.Progressed(1, 5);

        item.State.ShouldBe(UploadState.Uploading);
        item.Speed.ShouldBeGreaterThan(0);
        item.TimeLeft.ShouldBeNull();
        _tracker.TotalTimeLeft.ShouldBeNull();
    }

    [Fact]
    public void A_resumed_upload_counts_speed_from_where_this_session_started()
    {
        var item = _tracker.Add(1, "dump.dmp", "/Shared", 30_000_000_000);
        _tracker.Started(1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _tracker.AtOffset(1, 25_000_000_000);

        _clock.Advance(TimeSpan.FromSeconds(1));
        _tracker.Progressed(1, 25_010_000_000);

        item.Speed.ShouldBe(10_000_000, tolerance: 1);
        item.Percent.ShouldBe(25_010_000_000 * 100.0 / 30_000_000_000, tolerance: 0.001);
    }

    [Fact]
    public void A_burst_moves_the_smoothed_speed_only_part_of_the_way()
    {
        var item = _tracker.Add(1, "build.bin", "/Shared", 1_000_000_000);
        _tracker.Started(1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _tracker.Progressed(1, 10_000_000);

        _clock.Advance(TimeSpan.FromSeconds(1));
        _tracker.Progressed(1, 60_000_000);

        item.Speed.ShouldBe(18_000_000, tolerance: 1);
    }

    [Fact]
    public void Totals_count_every_file_and_finished_rows_can_be_cleared()
    {
        _tracker.Add(1, "a", "/Shared", 300);
        _tracker.Add(2, "b", "/Shared", 100);
        _tracker.Started(1);
        _tracker.Progressed(1, 150);
        _tracker.Completed(2);

        _tracker.TotalPercent.ShouldBe(62.5);
        _tracker.ActiveCount.ShouldBe(1);

        _tracker.ClearFinished();
        _tracker.Items.ShouldHaveSingleItem().Name.ShouldBe("a");
    }

    [Fact]
    public void A_paused_upload_ignores_late_progress_and_has_no_time_left()
    {
        var item = _tracker.Add(1, "a", "/Shared", 1000);
        _tracker.Started(1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _tracker.Progressed(1, 100);

        _tracker.Paused(1);
        _tracker.Progressed(1, 200);

        item.State.ShouldBe(UploadState.Paused);
        item.Sent.ShouldBe(100);
        item.TimeLeft.ShouldBeNull();
    }

    [Fact]
    public void A_failure_keeps_its_reason()
    {
        _tracker.Add(1, "a", "/Shared", 1000);
        _tracker.Failed(1, "The folder '/Shared/x' does not exist.");

        _tracker.Items[0].State.ShouldBe(UploadState.Failed);
        _tracker.Items[0].Error.ShouldBe("The folder '/Shared/x' does not exist.");
        _tracker.ActiveCount.ShouldBe(0);
    }
}
