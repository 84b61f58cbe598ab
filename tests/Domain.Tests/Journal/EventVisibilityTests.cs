using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;

namespace Strata.Domain.Tests.Journal;

public sealed class EventVisibilityTests
{
    private static readonly Caller Alice = new("u-alice", "alice", IsAdmin: false);
    private static readonly Caller Bob = new("u-bob", "bob", IsAdmin: false);
    private static readonly Caller Admin = new("u-admin", "admin", IsAdmin: true);

    /// <summary>Vault, renamed Vault-2027, is alice's; in the trash, Old still carries its grant for alice.</summary>
    private static readonly GrantTree Live = GrantTree.Build([new GrantRule(NodePath.Parse("/Shared/Vault-2027"), Principal.User(Alice.UserId), AccessLevel.Editor)]);

    private static readonly GrantTree Trash = GrantTree.Build(
    [
        new GrantRule(NodePath.Parse("/Shared/Vault-2027"), Principal.User(Alice.UserId), AccessLevel.Editor),
        new GrantRule(NodePath.Parse("/Shared/Old"), Principal.User(Alice.UserId), AccessLevel.Editor),
    ]);

    private static EventVisibility For(Caller caller) => new(new AccessEvaluator(caller, [], Live), new AccessEvaluator(caller, [], Trash));

    private static JournalEvent Created(string path, long? nodeId = 1, string? oldPath = null)
    {
        var change = JournalEvent.AtPath(JournalEventType.FileCreated, NodePath.Parse(path), nodeId, isFolder: false, "u-alice", DateTimeOffset.UnixEpoch);
        change.OldPath = oldPath;
        return change;
    }

    [Theory]
    [InlineData(JournalEventType.TagChanged)]
    [InlineData(JournalEventType.TagsMerged)]
    public void A_tag_administration_event_is_for_administrators_alone(JournalEventType type)
    {
        var change = JournalEvent.AtPath(type, NodePath.Parse("/Shared"), nodeId: null, isFolder: true, "u-admin", DateTimeOffset.UnixEpoch);

        For(Admin).Of(change, node: null).Path.ShouldBeTrue();
        For(Alice).Of(change, node: null).Path.ShouldBeFalse();
        For(Bob).Of(change, node: null).Path.ShouldBeFalse();
    }

    [Fact]
    public void An_event_under_a_renamed_governed_folder_follows_the_item_not_its_old_path()
    {
        var change = Created("/Shared/Vault/plan.txt", oldPath: "/Shared/Vault/draft.txt");
        var now = new NodeWhereabouts("/Shared/Vault-2027/plan.txt", IsTrashed: false);

        For(Bob).Of(change, now).ShouldBe(new EventSight(Path: false, OldPath: false));
        For(Alice).Of(change, now).ShouldBe(new EventSight(Path: true, OldPath: true));
    }

    [Fact]
    public void A_trashed_item_is_judged_by_the_trashs_rules()
    {
        var change = Created("/Shared/Old/plan.txt");
        var now = new NodeWhereabouts("/Shared/Old/plan.txt", IsTrashed: true);

        For(Bob).Of(change, now).Path.ShouldBeFalse();
        For(Alice).Of(change, now).Path.ShouldBeTrue();
        For(Bob).Of(change, now with { IsTrashed = false }).Path.ShouldBeTrue();
    }

    [Fact]
    public void A_path_the_caller_may_not_see_stays_hidden_even_when_the_item_moved_into_sight()
    {
        var change = Created("/Shared/Vault-2027/plan.txt");

        For(Bob).Of(change, new NodeWhereabouts("/Shared/Open/plan.txt", IsTrashed: false)).Path.ShouldBeFalse();
    }

    [Theory]
    [InlineData("alice", "/Private/alice/gone.txt", true)]
    [InlineData("alice", "/Shared/Open/gone.txt", false)]
    [InlineData("admin", "/Shared/Open/gone.txt", true)]
    [InlineData("admin", "/Private/alice/gone.txt", false)]
    public void A_purged_items_events_show_only_where_no_grant_decides(string caller, string path, bool shown)
    {
        var who = caller == "admin" ? Admin : Alice;

        For(who).Of(Created(path), node: null).Path.ShouldBe(shown);
    }

    [Fact]
    public void An_event_with_no_node_is_judged_by_its_path() =>
        For(Bob).Of(Created("/Shared/Open/new.docx", nodeId: null), node: null).Path.ShouldBeTrue();
}
