using Strata.Infrastructure.Journal;
using Strata.Web.Journal;

namespace Strata.Web.Tests.Comments;

/// <summary>Comment events read as sentences on the activity page.</summary>
public sealed class CommentActivityTests
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal) { ["u1"] = "Alice" };

    [Theory]
    [InlineData("CommentAdded", "1", "1", null, "Alice commented on plan.pdf")]
    [InlineData("CommentAdded", "2", "1", null, "Alice replied to a comment on plan.pdf")]
    [InlineData("CommentEdited", "1", "1", null, "Alice edited a comment on plan.pdf")]
    [InlineData("CommentDeleted", "1", "1", null, "Alice deleted a comment on plan.pdf")]
    [InlineData("CommentResolved", "1", "1", null, "Alice resolved a comment thread on plan.pdf")]
    [InlineData("CommentReopened", "1", "1", null, "Alice reopened a comment thread on plan.pdf")]
    [InlineData("CommentReacted", "1", "1", "added", "Alice reacted 👍 to a comment on plan.pdf")]
    [InlineData("CommentReacted", "1", "1", "removed", "Alice took back a reaction on a comment on plan.pdf")]
    public void Comment_events_have_sentences(string type, string commentId, string threadId, string? reaction, string expected)
    {
        var details = new Dictionary<string, string> { ["commentId"] = commentId, ["threadId"] = threadId, ["emoji"] = "👍" };
        if (reaction is not null)
        {
            details["reaction"] = reaction;
        }

        var change = new EventView(1, type, 7, "/Shared/Team/plan.pdf", null, false, "u1", DateTimeOffset.UnixEpoch, Details: details);

        ActivitySentence.Describe(change, Names).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Off", "Alice switched comments off on Team")]
    [InlineData("Editors", "Alice let only editors comment on Team")]
    [InlineData("Readers", "Alice let everyone who can read comment on Team")]
    [InlineData("Inherited", "Alice made comments follow the parent folder's setting on Team")]
    public void A_comment_setting_change_has_a_sentence(string policy, string expected)
    {
        var change = new EventView(1, "CommentSettingChanged", 7, "/Shared/Team", null, true, "u1", DateTimeOffset.UnixEpoch, Details: new Dictionary<string, string> { ["policy"] = policy });

        ActivitySentence.Describe(change, Names).ShouldBe(expected);
    }
}
