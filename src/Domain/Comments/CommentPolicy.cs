using Strata.Domain.Access;
using Strata.Domain.Files;

namespace Strata.Domain.Comments;

/// <summary>Who may comment in a folder and below it.</summary>
public enum CommentPolicy
{
    /// <summary>Everyone who can read the item (the default where no folder says otherwise).</summary>
    Readers,

    /// <summary>Editors and above.</summary>
    Editors,

    /// <summary>Nobody adds, replies, reacts or resolves; the threads already there stay readable.</summary>
    Off,
}

/// <summary>A folder's own comment setting, at the folder's current path.</summary>
public sealed record CommentPolicyRule(NodePath Folder, CommentPolicy Policy);

/// <summary>How comment settings apply: inherited down the tree like grants, the nearest folder with a setting wins.</summary>
public static class CommentPolicies
{
    /// <summary>The setting that governs <paramref name="path"/> and the folder it comes from (null: the default).</summary>
    public static CommentPolicyRule? Effective(NodePath path, IEnumerable<CommentPolicyRule> rules)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Where(r => path.IsSameOrDescendantOf(r.Folder)).MaxBy(r => r.Folder.Depth);
    }

    /// <summary>Whether someone holding <paramref name="level"/> on a readable item may comment under <paramref name="policy"/>.</summary>
    public static bool Allows(CommentPolicy policy, AccessLevel level) => policy switch
    {
        CommentPolicy.Readers => level >= AccessLevel.Viewer,
        CommentPolicy.Editors => level >= AccessLevel.Editor,
        _ => false,
    };
}
