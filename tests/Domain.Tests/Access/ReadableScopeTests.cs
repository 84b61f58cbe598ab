using Strata.Domain.Access;
using Strata.Domain.Files;

namespace Strata.Domain.Tests.Access;

/// <summary>The readable scope (a few sets of folders for index filters) agrees with the per-item rules everywhere.</summary>
public sealed class ReadableScopeTests
{
    private static readonly Caller Alice = new("u-alice", "alice", IsAdmin: false);
    private static readonly Caller Admin = new("u-admin", "admin", IsAdmin: true);

    /// <summary>Denied inside open, granted inside denied, denied again inside that, and a grant in someone's private folder.</summary>
    private static readonly GrantRule[] Grants =
    [
        new(NodePath.Parse("/Shared/Board"), Principal.User("u-bob"), AccessLevel.Full),
        new(NodePath.Parse("/Shared/Board/Minutes"), Principal.User("u-alice"), AccessLevel.Viewer),
        new(NodePath.Parse("/Shared/Board/Minutes/Closed"), Principal.User("u-alice"), AccessLevel.None),
        new(NodePath.Parse("/Shared/Board/Minutes/Closed"), Principal.User("u-bob"), AccessLevel.Viewer),
        new(NodePath.Parse("/Shared/Open/Team"), Principal.Group(7), AccessLevel.Editor),
        new(NodePath.Parse("/Private/bob/ForAlice"), Principal.User("u-alice"), AccessLevel.Viewer),
        new(NodePath.Parse("/Private/bob/Secret"), Principal.User("u-carol"), AccessLevel.Viewer),
    ];

    private static readonly string[] Paths =
    [
        "/Shared", "/Shared/Open", "/Shared/Open/a.txt", "/Shared/Open/Team", "/Shared/Open/Team/b.txt",
        "/Shared/Board", "/Shared/Board/plan.txt", "/Shared/Board/Minutes", "/Shared/Board/Minutes/m.txt",
        "/Shared/Board/Minutes/Closed", "/Shared/Board/Minutes/Closed/c.txt", "/Shared/Boardroom/x.txt",
        "/Private/alice", "/Private/alice/notes.txt", "/Private/bob", "/Private/bob/ForAlice/f.txt",
        "/Private/bob/Secret/s.txt", "/Private/bob/other.txt", "/Private/carol/c.txt",
    ];

    [Theory]
    [InlineData(false, new long[0])]
    [InlineData(false, new long[] { 7 })]
    [InlineData(true, new long[0])]
    public void Covers_exactly_what_the_caller_may_read(bool admin, long[] groups)
    {
        var evaluator = new AccessEvaluator(admin ? Admin : Alice, groups, GrantTree.Build(Grants));

        var scope = evaluator.ReadableScope();

        foreach (var raw in Paths)
        {
            var path = NodePath.Parse(raw);
            scope.Covers(path).ShouldBe(evaluator.LevelAt(path) >= AccessLevel.Viewer, raw);
        }
    }

    [Fact]
    public void Layers_are_as_many_as_the_flips_on_the_deepest_way_down_not_the_grants()
    {
        var scope = new AccessEvaluator(Alice, [], GrantTree.Build(Grants)).ReadableScope();

        scope.Layers.Count.ShouldBe(2);
        scope.Layers[0].Readable.Select(p => p.Value).ShouldBe(["/Shared", "/Private/alice", "/PRIVATE/BOB/FORALICE"], ignoreOrder: true);
        scope.Layers[0].Except.Select(p => p.Value).ShouldBe(["/SHARED/BOARD", "/SHARED/OPEN/TEAM"], ignoreOrder: true);
        scope.Layers[1].Readable.Select(p => p.Value).ShouldBe(["/SHARED/BOARD/MINUTES"]);
        scope.Layers[1].Except.Select(p => p.Value).ShouldBe(["/SHARED/BOARD/MINUTES/CLOSED"]);
    }
}
