using Strata.Domain.Access;

namespace Strata.Infrastructure.Sharing;

/// <summary>
/// A folder permission. Anchored to the folder's node id, so it follows renames and moves; a grant on a
/// trashed folder is dormant until the folder is restored and disappears with it when purged.
/// </summary>
public sealed class Grant
{
    public long Id { get; set; }

    public long NodeId { get; set; }

    public PrincipalKind PrincipalKind { get; set; }

    /// <summary>The user id, or the group id in invariant digits.</summary>
    public required string PrincipalId { get; set; }

    public AccessLevel Level { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}
