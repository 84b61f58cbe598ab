using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Strata.Web.Identity;

/// <summary>
/// Remembers, for two minutes, that an email and account password were verified, so that clients sending
/// Basic on every request (WebDAV mounts, scripts) do not pay the deliberately slow password hash each
/// time. Entries are keyed by an HMAC with a per-process key (the password never sits in memory as a key)
/// and hold the user's security stamp, which a password change, reset or lockout renews: a stale entry
/// then no longer matches.
/// </summary>
internal sealed class VerifiedPasswordCache(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public bool IsVerified(string email, string password, string? securityStamp) =>
        securityStamp is not null && cache.TryGetValue(KeyOf(email, password), out string? stamp) && stamp == securityStamp;

    public void Remember(string email, string password, string? securityStamp)
    {
        if (securityStamp is not null)
        {
            cache.Set(KeyOf(email, password), securityStamp, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        }
    }

    private string KeyOf(string email, string password) =>
        "basic:" + Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(email.ToUpperInvariant() + "\0" + password)));
}
