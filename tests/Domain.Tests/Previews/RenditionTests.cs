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
}
