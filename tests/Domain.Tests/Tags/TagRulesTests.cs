using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Domain.Tags;

namespace Strata.Domain.Tests.Tags;

public sealed class TagRulesTests
{
    private static readonly Caller Alice = new("u-alice", "alice", IsAdmin: false);
    private static readonly Caller Bob = new("u-bob", "bob", IsAdmin: false);
    private static readonly Caller Admin = new("u-admin", "admin", IsAdmin: true);

    [Theory]
    [InlineData("  Draft ", "Draft")]
    [InlineData("Légal hold", "Légal hold")]
    public void A_name_is_trimmed_and_keeps_its_case(string raw, string expected)
    {
        TagName.TryCreate(raw, out var name, out _).ShouldBeTrue();
        name!.Value.ShouldBe(expected);
    }

    [Fact]
    public void Names_differing_only_in_case_share_a_key()
    {
        TagName.TryCreate("Draft", out var a, out _).ShouldBeTrue();
        TagName.TryCreate("dRAFT", out var b, out _).ShouldBeTrue();
        a!.Key.ShouldBe(b!.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    public void Empty_names_and_control_characters_are_refused(string? raw)
    {
        TagName.TryCreate(raw, out var name, out var error).ShouldBeFalse();
        name.ShouldBeNull();
        error.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void A_name_is_at_most_64_characters()
    {
        TagName.TryCreate(new string('x', 64), out _, out _).ShouldBeTrue();
        TagName.TryCreate(new string('x', 65), out _, out var error).ShouldBeFalse();
        error.ShouldContain("64");
    }

    [Theory]
    [InlineData("red", "#e53935")]
    [InlineData("Blue", "#1e88e5")]
    [InlineData("#A1B2C3", "#a1b2c3")]
    public void Colours_are_palette_names_or_hex(string raw, string expected)
    {
        TagColor.TryParse(raw, out var color, out _).ShouldBeTrue();
        color.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("#12345")]
    [InlineData("#12345g")]
    [InlineData("chartreuse")]
    [InlineData("123456")]
    public void Other_colours_are_refused(string raw) => TagColor.TryParse(raw, out _, out _).ShouldBeFalse();

    [Fact]
    public void A_personal_tag_is_seen_and_used_by_its_owner_alone()
    {
        TagRules.CanSee(TagScope.Personal, Alice.UserId, Alice).ShouldBeTrue();
        TagRules.CanSee(TagScope.Personal, Alice.UserId, Bob).ShouldBeFalse();
        TagRules.CanSee(TagScope.Personal, Alice.UserId, Admin).ShouldBeFalse();
        TagRules.CanAssign(TagScope.Personal, Alice.UserId, Alice, canWriteItem: false).ShouldBeTrue();
        TagRules.CanAssign(TagScope.Personal, Alice.UserId, Admin, canWriteItem: true).ShouldBeFalse();
    }

    [Fact]
    public void Restricted_tags_are_created_and_assigned_by_administrators_only()
    {
        TagRules.CanSee(TagScope.Restricted, null, Bob).ShouldBeTrue();
        TagRules.CanCreate(TagScope.Restricted, Bob).ShouldBeFalse();
        TagRules.CanCreate(TagScope.Restricted, Admin).ShouldBeTrue();
        TagRules.CanAssign(TagScope.Restricted, null, Bob, canWriteItem: true).ShouldBeFalse();
        TagRules.CanAssign(TagScope.Restricted, null, Admin, canWriteItem: true).ShouldBeTrue();
    }

    [Fact]
    public void A_shared_tag_needs_the_right_to_write_the_item()
    {
        TagRules.CanCreate(TagScope.Shared, Bob).ShouldBeTrue();
        TagRules.CanAssign(TagScope.Shared, null, Bob, canWriteItem: true).ShouldBeTrue();
        TagRules.CanAssign(TagScope.Shared, null, Bob, canWriteItem: false).ShouldBeFalse();
    }

    [Fact]
    public void An_event_private_to_a_user_is_shown_to_that_user_alone()
    {
        var change = JournalEvent.AtPath(JournalEventType.Favorited, NodePath.Parse("/Shared/Team/a.txt"), 1, isFolder: false, Alice.UserId, DateTimeOffset.UnixEpoch);
        change.PrivateTo = Alice.UserId;
        var now = new NodeWhereabouts("/Shared/Team/a.txt", IsTrashed: false);

        For(Alice).Of(change, now).Path.ShouldBeTrue();
        For(Bob).Of(change, now).Path.ShouldBeFalse();
        For(Admin).Of(change, now).Path.ShouldBeFalse();
    }

    private static EventVisibility For(Caller caller) =>
        new(new AccessEvaluator(caller, [], GrantTree.Build([])), new AccessEvaluator(caller, [], GrantTree.Build([])));
}
