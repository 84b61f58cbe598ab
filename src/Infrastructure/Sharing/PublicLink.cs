using Strata.Domain.Sharing;

namespace Strata.Infrastructure.Sharing;

/// <summary>
/// A link for people without an account. Only the SHA-256 of its token is stored, so a database leak
/// does not hand out working links; the password, if any, is stored as an Identity password hash.
/// </summary>
public sealed class PublicLink
{
    public long Id { get; set; }

    public long NodeId { get; set; }

    public LinkKind Kind { get; set; }

    /// <summary>Hex SHA-256 of the token.</summary>
    public required string TokenHash { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public string? PasswordHash { get; set; }

    public int? MaxDownloads { get; set; }

    public int Downloads { get; set; }

    /// <summary>Visitors may look but not download.</summary>
    public bool PreviewOnly { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
