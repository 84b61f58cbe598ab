using Strata.Domain.Files;

namespace Strata.Domain.Access;

/// <summary>
/// The namespace rules every front door applies: <c>/Shared</c> is the organisation's area whose
/// top-level folders only administrators create, rename or delete; <c>/Private/&lt;user&gt;</c> belongs to
/// that user alone and is invisible (404) to everyone else, administrators included; the system
/// folders themselves can never be renamed, moved or deleted.
/// </summary>
public static class AccessEvaluator
{
    public static AccessDecision Evaluate(Caller caller, NodePath path, Operation operation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(path);

        if (path.IsPrivate && path.Depth >= 2 && !IsOwnPrivate(caller, path))
        {
            return AccessDecision.Hidden;
        }

        return operation switch
        {
            Operation.Read => AccessDecision.Allowed,
            Operation.Write => CanWriteInto(caller, path) ? AccessDecision.Allowed : AccessDecision.Denied,
            Operation.Remove => CanRemove(caller, path) ? AccessDecision.Allowed : AccessDecision.Denied,
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }

    /// <summary>Whether a listing of <c>/Private</c> may show the folder of <paramref name="userName"/>.</summary>
    public static bool CanSeePrivateFolder(Caller caller, string userName)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return NodeName.Fold(userName) == NodeName.Fold(caller.UserName);
    }

    private static bool IsOwnPrivate(Caller caller, NodePath path) => CanSeePrivateFolder(caller, path.PrivateOwner!);

    private static bool CanWriteInto(Caller caller, NodePath folder) => folder.Depth switch
    {
        0 => false,
        1 => folder.IsShared && caller.IsAdmin,
        _ => true,
    };

    private static bool CanRemove(Caller caller, NodePath path)
    {
        if (path.IsSystemFolder || path.IsRoot)
        {
            return false;
        }

        return !(path.IsShared && path.Depth == 2) || caller.IsAdmin;
    }
}
