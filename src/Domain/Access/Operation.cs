namespace Strata.Domain.Access;

public enum Operation
{
    /// <summary>See an item, list a folder, download content or versions.</summary>
    Read,

    /// <summary>Create children in a folder, upload into it, overwrite a file.</summary>
    Write,

    /// <summary>
    /// Move away or delete the item with all it holds: refused when it holds anything the caller may not remove
    /// (<see cref="AccessDecision.HoldsProtected"/>).
    /// </summary>
    Remove,

    /// <summary>Rename the item where it is: what it holds stays in place, under the same grants, so only the item's own right counts.</summary>
    Rename,

    /// <summary>See and change who may access a folder (grants, later links).</summary>
    Manage,
}
