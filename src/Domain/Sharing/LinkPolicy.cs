namespace Strata.Domain.Sharing;

/// <summary>
/// The administrator's rules for new links of one <see cref="LinkKind"/>. Links that exist already keep
/// their terms: a stricter policy applies from the next link on.
/// </summary>
public sealed class LinkPolicy
{
    public LinkKind Kind { get; set; }

    /// <summary>Links must expire within this many days of their creation; none when null.</summary>
    public int? MaxExpiryDays { get; set; }

    public bool RequirePassword { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    /// <summary>The policy when an administrator has set none: no limits.</summary>
    public static LinkPolicy Open(LinkKind kind) => new() { Kind = kind };

    /// <summary>Why a link with these terms may not be created at <paramref name="now"/>, naming the rule; null when it may.</summary>
    public string? Violation(bool hasPassword, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var noun = Kind == LinkKind.Upload ? "Upload links" : "Download links";
        if (RequirePassword && !hasPassword)
        {
            return $"{noun} must have a password (link policy: password required).";
        }

        if (MaxExpiryDays is { } days && (expiresAt is null || expiresAt > now.AddDays(days)))
        {
            return $"{noun} must expire within {days} days (link policy: maximum expiry).";
        }

        return null;
    }
}
