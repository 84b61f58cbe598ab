using Strata.Domain.Comments;

namespace Strata.Domain.Tests.Comments;

public sealed class CommentTextTests
{
    [Theory]
    [InlineData("@alice look", new[] { "alice" })]
    [InlineData("cc @alice, @bob.smith and @[carol-2]!", new[] { "alice", "bob.smith", "carol-2" })]
    [InlineData("thanks @alice.", new[] { "alice" })]
    [InlineData("@Alice and @alice again", new[] { "Alice" })]
    [InlineData("mail alice@example.com or @@bob", new string[0])]
    [InlineData("(@dave) and `@erin`", new[] { "dave", "erin" })]
    [InlineData("no mentions here", new string[0])]
    public void Mentions_are_user_names_after_an_at_sign_not_email_addresses(string body, string[] expected) =>
        CommentText.Mentions(body).ShouldBe(expected);

    [Fact]
    public void At_most_twenty_people_are_mentioned()
    {
        var body = string.Join(' ', Enumerable.Range(1, 30).Select(i => $"@user{i}"));

        CommentText.Mentions(body).Count.ShouldBe(CommentText.MaxMentions);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData(" \n\t", false)]
    [InlineData("ok", true)]
    public void A_body_has_text(string? body, bool valid) => CommentText.IsValidBody(body, out _).ShouldBe(valid);

    [Fact]
    public void A_body_has_at_most_ten_thousand_characters()
    {
        CommentText.IsValidBody(new string('x', CommentText.MaxLength), out _).ShouldBeTrue();
        CommentText.IsValidBody(new string('x', CommentText.MaxLength + 1), out var error).ShouldBeFalse();
        error.ShouldContain("10000");
    }

    [Fact]
    public void The_excerpt_is_one_line_and_cut_on_whole_characters()
    {
        var body = "line one\n\nline two " + string.Concat(Enumerable.Repeat("😀", 100));

        var excerpt = CommentText.Excerpt(body);

        excerpt.ShouldStartWith("line one line two 😀");
        excerpt.Length.ShouldBeLessThanOrEqualTo(CommentText.ExcerptLength);
        excerpt.ShouldEndWith("…");
        char.IsHighSurrogate(excerpt[^2]).ShouldBeFalse();
    }

    [Theory]
    [InlineData("👍", true)]
    [InlineData("👍🏽", true)]
    [InlineData("👨‍👩‍👧", true)]
    [InlineData("🇫🇷", true)]
    [InlineData("❤️", true)]
    [InlineData("1️⃣", true)]
    [InlineData("👍👍", false)]
    [InlineData("a", false)]
    [InlineData("1", false)]
    [InlineData("lol", false)]
    [InlineData("!", false)]
    [InlineData(" ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_reaction_is_one_emoji(string? emoji, bool valid) => CommentText.IsValidEmoji(emoji).ShouldBe(valid);
}
