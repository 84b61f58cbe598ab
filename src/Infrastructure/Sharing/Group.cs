namespace Strata.Infrastructure.Sharing;

/// <summary>A named set of users that folder permissions can be granted to; managed by administrators.</summary>
public sealed class Group
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Case-folded <see cref="Name"/>; unique, so "Sales" and "sales" are one group.</summary>
    public required string NameKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One user's membership of one group.</summary>
public sealed class GroupMember
{
    public long GroupId { get; set; }

    public required string UserId { get; set; }
}
