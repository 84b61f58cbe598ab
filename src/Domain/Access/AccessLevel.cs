using Strata.Domain.Files;

namespace Strata.Domain.Access;

/// <summary>
/// What a grant allows on a folder and everything below it, ordered from least to most generous so that
/// "the most generous grant wins" is a maximum. <see cref="None"/> is an explicit "no access": on a
/// sub-folder it cancels what the same principal inherits from above.
/// </summary>
public enum AccessLevel
{
    None = 0,

    /// <summary>List and read.</summary>
    Viewer = 1,

    /// <summary>Read and write; rename, move or delete only the items one created.</summary>
    Editor = 2,

    /// <summary>Read, write and remove anything.</summary>
    Full = 3,

    /// <summary>Full, and manage the folder's permissions and links.</summary>
    Owner = 4,
}

public enum PrincipalKind
{
    User,
    Group,
}

/// <summary>Whom a grant is for: a user (by user id) or a group (by group id).</summary>
public readonly record struct Principal(PrincipalKind Kind, string Id)
{
    public static Principal User(string userId) => new(PrincipalKind.User, userId);

    public static Principal Group(long groupId) => new(PrincipalKind.Group, groupId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>One grant as the rules see it: the folder's current path, the principal and the level.</summary>
public sealed record GrantRule(NodePath Folder, Principal Principal, AccessLevel Level);
