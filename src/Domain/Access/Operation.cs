namespace Strata.Domain.Access;

public enum Operation
{
    /// <summary>See an item, list a folder, download content or versions.</summary>
    Read,

    /// <summary>Create children in a folder, upload into it, overwrite a file.</summary>
    Write,

    /// <summary>Rename, move away or delete the item itself.</summary>
    Remove,

    /// <summary>See and change who may access a folder (grants, later links).</summary>
    Manage,
}
