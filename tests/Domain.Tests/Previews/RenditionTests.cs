using Strata.Domain.Previews;

namespace Strata.Domain.Tests.Previews;

public sealed class RenditionTests
{
    [Fact]
    public void Failed_attempts_stay_pending_until_the_last_fails_it_for_good()
    {
        var text = Rendition.Pending("hash", RenditionKind.Text, 0, DateTimeOffset.UnixEpoch);

        (text.FailAttempt("broken", 3), text.FailAttempt("broken", 3)).ShouldBe((false, false));
        (text.Status, text.FailureReason).ShouldBe((RenditionStatus.Pending, "broken"));
        text.FailAttempt("still broken", 3).ShouldBeTrue();

        (text.Status, text.Attempts, text.FailureReason).ShouldBe((RenditionStatus.Failed, 3, "still broken"));
    }

    [Fact]
    public void A_skip_is_final_and_keeps_a_reason_no_longer_than_the_column()
    {
        var text = Rendition.Pending("hash", RenditionKind.Text, 0, DateTimeOffset.UnixEpoch);

        text.Skip(new string('x', 900));

        (text.Status, text.FailureReason!.Length, text.Attempts).ShouldBe((RenditionStatus.Skipped, 500, 0));
    }

    [Fact]
    public void Completing_clears_the_reason_of_an_earlier_attempt()
    {
        var text = Rendition.Pending("hash", RenditionKind.Text, 0, DateTimeOffset.UnixEpoch);
        text.FailAttempt("flaky disk", 3);

        text.Complete("blob");

        (text.Status, text.BlobHash, text.FailureReason).ShouldBe((RenditionStatus.Ready, "blob", null));
    }

    [Fact]
    public void A_retry_starts_a_failure_afresh_and_leaves_any_other_outcome_alone()
    {
        var failed = Rendition.Pending("hash", RenditionKind.Text, 0, DateTimeOffset.UnixEpoch);
        failed.FailAttempt("broken", 1);
        var skipped = Rendition.Pending("other", RenditionKind.Text, 0, DateTimeOffset.UnixEpoch);
        skipped.Skip("too large");
        var later = DateTimeOffset.UnixEpoch.AddHours(1);

        (failed.Retry(later), skipped.Retry(later)).ShouldBe((true, false));

        (failed.Status, failed.Attempts, failed.FailureReason, failed.CreatedAt).ShouldBe((RenditionStatus.Pending, 0, null, later));
        (skipped.Status, skipped.FailureReason, skipped.CreatedAt).ShouldBe((RenditionStatus.Skipped, "too large", DateTimeOffset.UnixEpoch));
    }
}
