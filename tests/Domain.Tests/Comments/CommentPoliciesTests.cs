using Strata.Domain.Access;
using Strata.Domain.Comments;
using Strata.Domain.Files;

namespace Strata.Domain.Tests.Comments;

public sealed class CommentPoliciesTests
{
    private static readonly CommentPolicyRule[] Rules =
    [
        new(NodePath.Parse("/Shared/Proj"), CommentPolicy.Editors),
        new(NodePath.Parse("/Shared/Proj/Closed"), CommentPolicy.Off),
        new(NodePath.Parse("/Shared/Proj/Closed/Reopened"), CommentPolicy.Readers),
    ];

    [Theory]
    [InlineData("/Shared/Other/a.txt", null)]
    [InlineData("/Shared/Proj", CommentPolicy.Editors)]
    [InlineData("/Shared/Proj/a.txt", CommentPolicy.Editors)]
    [InlineData("/Shared/Proj/Closed/deep/b.txt", CommentPolicy.Off)]
    [InlineData("/Shared/Proj/Closed/Reopened/c.txt", CommentPolicy.Readers)]
    [InlineData("/Shared/PROJ/closed/x", CommentPolicy.Off)]
    [InlineData("/Shared/Project/x", null)]
    public void The_nearest_folder_with_a_setting_wins(string path, CommentPolicy? expected) =>
        (CommentPolicies.Effective(NodePath.Parse(path), Rules)?.Policy).ShouldBe(expected);

    [Fact]
    public void Without_a_setting_on_the_way_there_is_none() =>
        CommentPolicies.Effective(NodePath.Parse("/Shared/Other/a.txt"), Rules).ShouldBeNull();

    [Theory]
    [InlineData(CommentPolicy.Readers, AccessLevel.Viewer, true)]
    [InlineData(CommentPolicy.Readers, AccessLevel.None, false)]
    [InlineData(CommentPolicy.Editors, AccessLevel.Viewer, false)]
    [InlineData(CommentPolicy.Editors, AccessLevel.Editor, true)]
    [InlineData(CommentPolicy.Editors, AccessLevel.Owner, true)]
    [InlineData(CommentPolicy.Off, AccessLevel.Owner, false)]
    public void The_policy_says_which_levels_comment(CommentPolicy policy, AccessLevel level, bool allowed) =>
        CommentPolicies.Allows(policy, level).ShouldBe(allowed);
}
