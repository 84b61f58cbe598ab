namespace Strata.Domain.Tags;

/// <summary>Who sees a tag and who may put it on an item; stored by name, so names are a contract.</summary>
public enum TagScope
{
    /// <summary>Seen by everyone who can see the item; put on and taken off by whoever may write it.</summary>
    Shared,

    /// <summary>Seen by everyone who can see the item; created and put on only by administrators (e.g. "Legal hold").</summary>
    Restricted,

    /// <summary>Seen and used by its owner alone; two users may each have a personal tag of the same name.</summary>
    Personal,
}
