namespace Strata.Infrastructure.Credentials;

/// <summary>
/// A secret a user made for a program: an app password (HTTP Basic, e.g. a WebDAV mount) or a personal
/// access token (Bearer). Only the SHA-256 of the secret is stored: secrets are long and random, so a
/// fast hash is as safe as a slow one and keeps per-request verification cheap.
/// </summary>
public sealed class ApiCredential
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public CredentialKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>Public part of a token, to find its row without scanning; app passwords have none.</summary>
    public string? LookupId { get; set; }

    /// <summary>Lowercase hex SHA-256 of the secret.</summary>
    public required string SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}

public enum CredentialKind
{
    AppPassword,
    Token,
}
