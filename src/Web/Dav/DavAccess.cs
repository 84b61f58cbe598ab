using Strata.Domain.Access;
using Strata.Domain.Files;

namespace Strata.Web.Dav;

/// <summary>WebDAV questions answered with the caller's <see cref="AccessEvaluator"/>, the one every front door uses.</summary>
internal static class DavAccess
{
    /// <summary>The caller may not learn that the path exists: answer 404.</summary>
    public static bool IsHidden(AccessEvaluator access, NodePath path) =>
        access.Evaluate(path, Operation.Read) == AccessDecision.Hidden;

    /// <summary>
    /// Changing a resource in place (its properties, its lock, its content) needs what overwriting it
    /// needs: the right to write into its folder. System folders are never modified.
    /// </summary>
    public static bool CanModify(AccessEvaluator access, NodePath path) =>
        path.Depth >= 2
        && !path.IsSystemFolder
        && access.Evaluate(path, Operation.Read) == AccessDecision.Allowed
        && access.Evaluate(path.Parent, Operation.Write) == AccessDecision.Allowed;
}
