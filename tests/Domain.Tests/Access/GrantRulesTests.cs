using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Strata.Domain.Access;
using Strata.Domain.Files;

namespace Strata.Domain.Tests.Access;

public sealed class GrantRulesTests
{
    private const long Sales = 1;
    private const long Staff = 2;
    private static readonly Caller Bob = new("u-bob", "bob", IsAdmin: false);
    private static readonly Caller Carol = new("u-carol", "carol", IsAdmin: false);
    private static readonly Caller Admin = new("u-admin", "admin", IsAdmin: true);

    private static readonly string[] Folders = ["/Shared/A", "/Shared/A/B", "/Shared/A/B/C", "/Shared/A/D", "/Shared/E", "/Shared/E/F"];

    [Fact]
    public void A_grant_is_inherited_down_the_tree()
    {
        var rules = For(Bob, [], Grant("/Shared/A", Principal.User(Bob.UserId), AccessLevel.Viewer));

        rules.Evaluate(P("/Shared/A/B/C/x.txt"), Operation.Read).ShouldBe(AccessDecision.Allowed);
        rules.Evaluate(P("/Shared/A/B"), Operation.Write).ShouldBe(AccessDecision.Denied);
    }

    [Fact]
    public void A_folder_with_grants_is_hidden_from_everyone_else_while_open_folders_stay_open()
    {
        var rules = For(Carol, [], Grant("/Shared/A", Principal.User(Bob.UserId), AccessLevel.Viewer));

        rules.Evaluate(P("/Shared/A"), Operation.Read).ShouldBe(AccessDecision.Hidden);
        rules.Evaluate(P("/Shared/A/B"), Operation.Read).ShouldBe(AccessDecision.Hidden);
        rules.Evaluate(P("/Shared/E/F"), Operation.Write).ShouldBe(AccessDecision.Allowed);
        rules.ChildrenOf(P("/Shared")).Shows("A").ShouldBeFalse();
        rules.ChildrenOf(P("/Shared")).Shows("E").ShouldBeTrue();
    }

    [Fact]
    public void Explicit_none_on_a_sub_folder_cancels_the_inherited_grant_of_that_principal_only()
    {
        GrantRule[] grants =
        [
            Grant("/Shared/A", Principal.Group(Sales), AccessLevel.Full),
            Grant("/Shared/A/B", Principal.Group(Sales), AccessLevel.None),
            Grant("/Shared/A", Principal.Group(Staff), AccessLevel.Viewer),
        ];

        For(Bob, [Sales], grants).Evaluate(P("/Shared/A/B"), Operation.Read).ShouldBe(AccessDecision.Hidden);
        For(Bob, [Sales], grants).ChildrenOf(P("/Shared/A")).Shows("B").ShouldBeFalse();
        For(Bob, [Sales, Staff], grants).LevelAt(P("/Shared/A/B/C")).ShouldBe(AccessLevel.Viewer);
        For(Bob, [Sales, Staff], grants).LevelAt(P("/Shared/A/D")).ShouldBe(AccessLevel.Full);
    }

    [Fact]
    public void A_lesser_grant_below_does_not_reduce_an_inherited_one()
    {
        var rules = For(Bob, [Sales], Grant("/Shared/A", Principal.Group(Sales), AccessLevel.Owner), Grant("/Shared/A/B", Principal.Group(Sales), AccessLevel.Viewer));

        rules.LevelAt(P("/Shared/A/B")).ShouldBe(AccessLevel.Owner);
    }

    [Fact]
    public void Folders_above_a_grant_can_be_traversed_and_list_only_the_way_down()
    {
        var rules = For(Bob, [], Grant("/Shared/A", Principal.User("u-other"), AccessLevel.Full), Grant("/Shared/A/B/C", Principal.User(Bob.UserId), AccessLevel.Editor));

        rules.Evaluate(P("/Shared/A"), Operation.Read).ShouldBe(AccessDecision.Allowed);
        rules.Evaluate(P("/Shared/A"), Operation.Write).ShouldBe(AccessDecision.Denied);
        rules.ChildrenOf(P("/Shared/A")).ShouldBe(ChildFilter.Only(["B"]), new ChildFilterComparer());
        rules.Evaluate(P("/Shared/A/B/C"), Operation.Write).ShouldBe(AccessDecision.Allowed);
    }

    [Theory]
    [InlineData(AccessLevel.Viewer, "u-bob", AccessDecision.Denied)]
    [InlineData(AccessLevel.Editor, "u-bob", AccessDecision.Allowed)]
    [InlineData(AccessLevel.Editor, "u-carol", AccessDecision.Denied)]
    [InlineData(AccessLevel.Full, "u-carol", AccessDecision.Allowed)]
    [InlineData(AccessLevel.Owner, "u-carol", AccessDecision.Allowed)]
    public void Editors_remove_only_their_own_items(AccessLevel level, string createdBy, AccessDecision expected) =>
        For(Bob, [], Grant("/Shared/A", Principal.User(Bob.UserId), level)).Evaluate(P("/Shared/A/x.txt"), Operation.Remove, createdBy).ShouldBe(expected);

    [Theory]
    [InlineData(AccessLevel.None, AccessDecision.HoldsProtected)]
    [InlineData(AccessLevel.Viewer, AccessDecision.HoldsProtected)]
    [InlineData(AccessLevel.Editor, AccessDecision.HoldsProtected)]
    [InlineData(AccessLevel.Full, AccessDecision.Allowed)]
    public void Moving_or_deleting_a_folder_needs_the_right_to_remove_all_it_holds(AccessLevel below, AccessDecision expected)
    {
        var rules = For(
            Bob,
            [Sales],
            Grant("/Shared/A", Principal.Group(Sales), AccessLevel.Full),
            Grant("/Shared/A/B/C", Principal.Group(Sales), AccessLevel.None),
            Grant("/Shared/A/B/C", Principal.User(Bob.UserId), below));

        rules.Evaluate(P("/Shared/A/B"), Operation.Remove).ShouldBe(expected);
        rules.Evaluate(P("/Shared/A/B"), Operation.Rename).ShouldBe(AccessDecision.Allowed);
        rules.Evaluate(P("/Shared/A/D"), Operation.Remove).ShouldBe(AccessDecision.Allowed);
    }

    [Fact]
    public void A_folder_holding_one_governed_by_others_is_kept_in_place_but_not_from_administrators()
    {
        GrantRule[] grants = [Grant("/Shared/A/B/Legal", Principal.User("u-other"), AccessLevel.Viewer)];

        For(Bob, [], grants).Evaluate(P("/Shared/A/B"), Operation.Remove).ShouldBe(AccessDecision.HoldsProtected);
        For(Admin, [], grants).Evaluate(P("/Shared/A/B"), Operation.Remove).ShouldBe(AccessDecision.Allowed);
    }

    [Fact]
    public void A_missing_item_answers_as_a_hidden_one_whatever_the_rights_around_it()
    {
        var rules = For(Bob, [], Grant("/Shared/A", Principal.User(Bob.UserId), AccessLevel.Full));

        rules.Evaluate(P("/Shared/A/B"), Operation.Manage).ShouldBe(AccessDecision.Denied);
        rules.Evaluate(P("/Shared/A/B"), Operation.Manage, exists: false).ShouldBe(AccessDecision.Hidden);
        rules.Evaluate(P("/Shared/A/B"), Operation.Write, exists: true).ShouldBe(AccessDecision.Allowed);
    }

    [Theory]
    [InlineData(AccessLevel.Full, AccessDecision.Denied)]
    [InlineData(AccessLevel.Owner, AccessDecision.Allowed)]
    public void Only_owners_manage_permissions(AccessLevel level, AccessDecision expected) =>
        For(Bob, [], Grant("/Shared/A", Principal.User(Bob.UserId), level)).Evaluate(P("/Shared/A/B"), Operation.Manage).ShouldBe(expected);

    [Fact]
    public void Admins_own_all_of_shared_but_not_others_private_spaces()
    {
        var rules = For(Admin, [], Grant("/Shared/A", Principal.User(Bob.UserId), AccessLevel.None));

        rules.LevelAt(P("/Shared/A/B")).ShouldBe(AccessLevel.Owner);
        rules.Evaluate(P("/Private/bob/x"), Operation.Read).ShouldBe(AccessDecision.Hidden);
    }

    [Fact]
    public void A_private_folder_shared_with_a_user_shows_only_that_folder_to_them()
    {
        var rules = For(Bob, [], Grant("/Private/alice/Proj", Principal.User(Bob.UserId), AccessLevel.Viewer));

        rules.Evaluate(P("/Private/alice/Proj/doc.txt"), Operation.Read).ShouldBe(AccessDecision.Allowed);
        rules.Evaluate(P("/Private/alice/Other"), Operation.Read).ShouldBe(AccessDecision.Hidden);
        rules.ChildrenOf(P("/Private")).ShouldBe(ChildFilter.Only(["ALICE", "BOB"]), new ChildFilterComparer());
        rules.ChildrenOf(P("/Private/alice")).ShouldBe(ChildFilter.Only(["PROJ"]), new ChildFilterComparer());
    }

    [Property(MaxTest = 300)]
    public Property More_groups_never_mean_fewer_rights() =>
        Prop.ForAll(Grants().ToArbitrary(), Gen.Elements(Folders).ToArbitrary(), (grants, folder) =>
            For(Bob, [Sales, Staff], grants).LevelAt(P(folder)) >= For(Bob, [Sales], grants).LevelAt(P(folder)));

    [Property(MaxTest = 300)]
    public Property Without_explicit_none_rights_only_grow_down_the_tree() =>
        Prop.ForAll(Grants().Select(GovernBothTrees).ToArbitrary(), grants =>
            Folders.Select(P).All(folder => folder.Depth <= 2
                || For(Bob, [Sales, Staff], grants).LevelAt(folder) >= For(Bob, [Sales, Staff], grants).LevelAt(folder.Parent)));

    /// <summary>Drops explicit None and puts a grant on both top-level folders, so no folder is open (open folders grant Full).</summary>
    private static GrantRule[] GovernBothTrees(GrantRule[] grants) =>
        [.. grants.Where(r => r.Level != AccessLevel.None && r.Principal.Id != "u-other"), Grant("/Shared/A", Principal.User("u-other"), AccessLevel.Viewer), Grant("/Shared/E", Principal.User("u-other"), AccessLevel.Viewer)];

    [Property(MaxTest = 300)]
    public Property Whoever_may_write_or_remove_may_also_see() =>
        Prop.ForAll(Grants().ToArbitrary(), Gen.Elements(Folders).ToArbitrary(), (grants, folder) =>
        {
            var rules = For(Bob, [Sales], grants);
            var path = P(folder);
            var hidden = rules.Evaluate(path, Operation.Read) == AccessDecision.Hidden;
            return !hidden || (rules.Evaluate(path, Operation.Write) == AccessDecision.Hidden && rules.Evaluate(path, Operation.Remove) == AccessDecision.Hidden);
        });

    private static Gen<GrantRule[]> Grants() =>
        Gen.Elements(Folders)
            .Select(P)
            .Zip(Gen.Elements(Principal.User(Bob.UserId), Principal.Group(Sales), Principal.Group(Staff), Principal.User("u-other")))
            .Zip(Gen.Elements(Enum.GetValues<AccessLevel>()))
            .Select(t => new GrantRule(t.Item1.Item1, t.Item1.Item2, t.Item2))
            .ArrayOf()
            .Select(rules => rules.DistinctBy(r => (r.Folder.Key, r.Principal)).ToArray());

    private static AccessEvaluator For(Caller caller, long[] groups, params GrantRule[] grants) => new(caller, groups, GrantTree.Build(grants));

    private static GrantRule Grant(string path, Principal principal, AccessLevel level) => new(P(path), principal, level);

    private static NodePath P(string path) => NodePath.Parse(path);

    private sealed class ChildFilterComparer : IEqualityComparer<ChildFilter>
    {
        public bool Equals(ChildFilter? x, ChildFilter? y) => x!.IsAllowList == y!.IsAllowList && x.Keys.SetEquals(y.Keys);

        public int GetHashCode(ChildFilter obj) => obj.IsAllowList.GetHashCode();
    }
}
