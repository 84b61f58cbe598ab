namespace Strata.Domain.Access;

public enum AccessDecision
{
    Allowed,

    /// <summary>The caller may not know the item exists: answer 404, never 403.</summary>
    Hidden,

    /// <summary>The caller sees the item but may not do this to it: answer 403.</summary>
    Denied,

    /// <summary>
    /// The caller may remove the item itself but not all it holds (a sub-folder with a lesser right, or one they may
    /// not see): answer 403 on the item, naming nothing below it.
    /// </summary>
    HoldsProtected,
}
