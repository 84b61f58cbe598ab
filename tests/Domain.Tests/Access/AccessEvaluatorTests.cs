using Strata.Domain.Access;
using Strata.Domain.Files;

namespace Strata.Domain.Tests.Access;

public sealed class AccessEvaluatorTests
{
    private static readonly Caller Alice = new("u-alice", "alice", IsAdmin: false);
    private static readonly Caller Admin = new("u-admin", "admin", IsAdmin: true);

    private static AccessEvaluator Rules(Caller caller) => new(caller, [], GrantTree.Empty);

    [Theory]
    [InlineData("/Private/bob")]
    [InlineData("/Private/bob/notes.txt")]
    [InlineData("/Private/alice2/x")]
    public void Another_users_private_space_is_hidden(string path)
    {
        Rules(Alice).Evaluate(NodePath.Parse(path), Operation.Read).ShouldBe(AccessDecision.Hidden);
        Rules(Admin).Evaluate(NodePath.Parse(path), Operation.Read).ShouldBe(AccessDecision.Hidden);
    }

    [Fact]
    public void Own_private_space_is_writable_whatever_the_case() =>
        Rules(Alice).Evaluate(NodePath.Parse("/Private/ALICE/x"), Operation.Write).ShouldBe(AccessDecision.Allowed);

    [Fact]
    public void Only_admins_create_top_level_shared_folders()
    {
        Rules(Alice).Evaluate(NodePath.Parse("/Shared"), Operation.Write).ShouldBe(AccessDecision.Denied);
        Rules(Admin).Evaluate(NodePath.Parse("/Shared"), Operation.Write).ShouldBe(AccessDecision.Allowed);
    }

    [Fact]
    public void Only_admins_remove_top_level_shared_folders()
    {
        Rules(Alice).Evaluate(NodePath.Parse("/Shared/Builds"), Operation.Remove).ShouldBe(AccessDecision.Denied);
        Rules(Admin).Evaluate(NodePath.Parse("/Shared/Builds"), Operation.Remove).ShouldBe(AccessDecision.Allowed);
        Rules(Alice).Evaluate(NodePath.Parse("/Shared/Builds/1234"), Operation.Remove).ShouldBe(AccessDecision.Allowed);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Shared")]
    [InlineData("/Private")]
    [InlineData("/Private/alice")]
    public void System_folders_cannot_be_removed_even_by_admins(string path) =>
        Rules(path == "/Private/alice" ? Alice : Admin).Evaluate(NodePath.Parse(path), Operation.Remove).ShouldBe(AccessDecision.Denied);

    [Fact]
    public void Nobody_writes_into_the_root_or_private_area()
    {
        Rules(Admin).Evaluate(NodePath.Root, Operation.Write).ShouldBe(AccessDecision.Denied);
        Rules(Admin).Evaluate(NodePath.Parse("/Private"), Operation.Write).ShouldBe(AccessDecision.Denied);
    }
}
