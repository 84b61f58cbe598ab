using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Credentials;

/// <summary>Creates, lists, revokes and verifies app passwords and personal access tokens.</summary>
public sealed class CredentialService(IDbContextFactory<StrataDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxNameLength = 100;
    private const string TokenPrefix = "strata_";
    private const string AppPasswordAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Makes a credential; the returned secret is shown once and never stored.</summary>
    public async Task<(CredentialInfo Credential, string Secret)> CreateAsync(string userId, CredentialKind kind, string name, CancellationToken cancellationToken)
    {
        var (secret, lookupId) = kind == CredentialKind.Token ? NewToken() : (NewAppPassword(), null);
        var credential = new ApiCredential
        {
            UserId = userId,
            Kind = kind,
            Name = name.Trim(),
            LookupId = lookupId,
            SecretHash = Hash(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ApiCredentials.Add(credential);
        await db.SaveChangesAsync(cancellationToken);
        return (CredentialInfo.From(credential), secret);
    }

    public async Task<IReadOnlyList<CredentialInfo>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiCredentials.AsNoTracking()
            .Where(c => c.UserId == userId)
            .OrderBy(c => c.Id)
            .Select(c => new CredentialInfo(c.Id, c.Kind, c.Name, c.CreatedAt, c.LastUsedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Deletes the user's credential; false when the user has no such credential.</summary>
    public async Task<bool> RevokeAsync(string userId, long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiCredentials.Where(c => c.Id == id && c.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    /// <summary>The user id owning a personal access token, or null.</summary>
    public async Task<string?> VerifyTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (ParseLookupId(token) is not { } lookupId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var credential = await db.ApiCredentials.FirstOrDefaultAsync(c => c.LookupId == lookupId && c.Kind == CredentialKind.Token, cancellationToken);
        if (credential is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(credential.SecretHash), Encoding.ASCII.GetBytes(Hash(token))))
        {
            return null;
        }

        await MarkUsedAsync(db, credential, cancellationToken);
        return credential.UserId;
    }

    /// <summary>Whether <paramref name="password"/> is one of the user's app passwords.</summary>
    public async Task<bool> VerifyAppPasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        var hash = Hash(NormaliseAppPassword(password));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var credential = await db.ApiCredentials
            .FirstOrDefaultAsync(c => c.UserId == userId && c.SecretHash == hash && c.Kind == CredentialKind.AppPassword, cancellationToken);
        if (credential is null)
        {
            return false;
        }

        await MarkUsedAsync(db, credential, cancellationToken);
        return true;
    }

    /// <summary>Records use at most once a minute, so busy clients do not turn every request into a write.</summary>
    private async Task MarkUsedAsync(StrataDbContext db, ApiCredential credential, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (credential.LastUsedAt is { } last && now - last < LastUsedResolution)
        {
            return;
        }

        credential.LastUsedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static (string Token, string LookupId) NewToken()
    {
        var lookupId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return ($"{TokenPrefix}{lookupId}_{secret}", lookupId);
    }

    private static string? ParseLookupId(string token)
    {
        var parts = token.Split('_');
        return parts is ["strata", { Length: 16 } lookupId, { Length: 64 }] ? lookupId : null;
    }

    /// <summary>Four groups of five from an alphabet without look-alikes (about 100 bits): easy to type into a mount dialog.</summary>
    private static string NewAppPassword()
    {
        var chars = RandomNumberGenerator.GetItems<char>(AppPasswordAlphabet, 20);
        return string.Join('-', chars.Chunk(5).Select(c => new string(c)));
    }

    /// <summary>Case and the dashes are forgiven: people retype app passwords.</summary>
    private static string NormaliseAppPassword(string password)
    {
        var plain = password.Replace("-", string.Empty, StringComparison.Ordinal).Trim().ToLowerInvariant();
        return plain.Length == 20 ? string.Join('-', plain.Chunk(5).Select(c => new string(c))) : password;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>A credential as its owner sees it: never the secret.</summary>
public sealed record CredentialInfo(long Id, CredentialKind Kind, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
{
    public static CredentialInfo From(ApiCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new(credential.Id, credential.Kind, credential.Name, credential.CreatedAt, credential.LastUsedAt);
    }
}
