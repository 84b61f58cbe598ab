using Strata.Domain.Tags;

namespace Strata.Infrastructure.Tags;

/// <summary>
/// A tag. Shared and restricted tags share one name space (<see cref="ScopeKey"/> empty); a personal tag lives in its
/// owner's, so two users may each have one of the same name.
/// </summary>
public sealed class Tag
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary><see cref="TagName.Key"/> of <see cref="Name"/>; unique within <see cref="ScopeKey"/>.</summary>
    public required string NameKey { get; set; }

    public TagScope Scope { get; set; }

    /// <summary>The owner of a personal tag; null for shared and restricted tags.</summary>
    public string? OwnerId { get; set; }

    /// <summary>The owner's id for a personal tag, else empty: a non-null column for the unique index (NULLs would not clash).</summary>
    public required string ScopeKey { get; set; }

    /// <summary>Lower-case <c>#rrggbb</c>.</summary>
    public required string Color { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}

/// <summary>A tag on an item; anchored to the node id, so it follows renames and moves and goes when the item is purged.</summary>
public sealed class TagAssignment
{
    public long TagId { get; set; }

    public long NodeId { get; set; }

    public DateTimeOffset AssignedAt { get; set; }

    public string? AssignedBy { get; set; }
}

/// <summary>A user's star on an item.</summary>
public sealed class Favorite
{
    public required string UserId { get; set; }

    public long NodeId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
