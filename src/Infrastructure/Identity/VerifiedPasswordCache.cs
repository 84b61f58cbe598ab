using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Strata.Infrastructure.Identity;

/// <summary>
/// Remembers, for two minutes, that a password was verified against a stored secret, so that clients sending it
/// on every request (Basic on WebDAV mounts and scripts, the password of an upload link on each tus request) do
/// not pay the deliberately slow password hash each time. Entries are keyed by an HMAC with a per-process key
/// (the password never sits in memory as a key) over the subject, the stamp of its secret and the password: a
/// stamp renewed by a password change, reset or lockout no longer matches, so the entry is as good as forgotten.
/// </summary>
public sealed class VerifiedPasswordCache(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// Whether <paramref name="password"/> was verified for <paramref name="subject"/> (e.g. <c>account:ALICE@…</c>,
    /// <c>link:42</c>) while its secret had <paramref name="stamp"/>; never without a stamp.
    /// </summary>
    public bool IsVerified(string subject, string? stamp, string password) =>
        stamp is not null && cache.TryGetValue(KeyOf(subject, stamp, password), out _);

    public void Remember(string subject, string? stamp, string password)
    {
        if (stamp is not null)
        {
            cache.Set(KeyOf(subject, stamp, password), true, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        }
    }

    private string KeyOf(string subject, string stamp, string password) =>
        "verified:" + Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(subject + "\0" + stamp + "\0" + password)));
}
