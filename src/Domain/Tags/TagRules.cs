using Strata.Domain.Access;

namespace Strata.Domain.Tags;

/// <summary>What a tag's scope allows a caller, given what they may do with the item it is put on.</summary>
public static class TagRules
{
    /// <summary>Whether the caller sees the tag at all (on items they can see): a personal tag only by its owner.</summary>
    public static bool CanSee(TagScope scope, string? ownerId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return scope != TagScope.Personal || ownerId == caller.UserId;
    }

    /// <summary>Whether the caller may create a tag of the scope: restricted tags are the administrators'.</summary>
    public static bool CanCreate(TagScope scope, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return scope != TagScope.Restricted || caller.IsAdmin;
    }

    /// <summary>
    /// Whether the caller may put the tag on or take it off an item they can see: a shared tag needs the right to
    /// write the item, a restricted one an administrator, a personal one its owner (on anything they can see).
    /// </summary>
    public static bool CanAssign(TagScope scope, string? ownerId, Caller caller, bool canWriteItem)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return scope switch
        {
            TagScope.Shared => canWriteItem,
            TagScope.Restricted => caller.IsAdmin,
            _ => ownerId == caller.UserId,
        };
    }
}
