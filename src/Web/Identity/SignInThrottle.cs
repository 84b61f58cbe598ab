using Strata.Infrastructure.Identity;

namespace Strata.Web.Identity;

/// <summary>
/// Failed password checks, counted alike by every door that takes a password (the sign-in form, HTTP Basic), per
/// client address and per account and client address (the address ForwardedHeaders found, so behind a trusted
/// proxy the client's own). An address that has failed <see cref="MaxFailuresPerAddress"/> times in
/// <see cref="FailedAttempts.Window"/> is refused unchecked: that bounds guessing across accounts and the hashing
/// anyone could make the server do. An account that has failed <see cref="MaxFailuresPerAccount"/> times from one
/// address refuses its password from that address for <see cref="AccountLockout"/>: that bounds guessing one
/// account, while its owner elsewhere, and its app passwords and tokens anywhere, keep working. A lockout of the
/// whole account would let anyone who knows an email shut its owner out (Nextcloud counts per address too).
/// </summary>
internal sealed class SignInThrottle(FailedAttempts failures)
{
    /// <summary>Generous: a whole office may share one address.</summary>
    public const int MaxFailuresPerAddress = 50;

    public const int MaxFailuresPerAccount = 10;

    public static readonly TimeSpan AccountLockout = TimeSpan.FromMinutes(5);

    /// <summary>The one message for every failed sign-in: a lockout must not tell a guesser the account exists.</summary>
    public static readonly string FailureMessage =
        $"The email or password is not right. After {MaxFailuresPerAccount} wrong tries an account waits {(int)AccountLockout.TotalMinutes} minutes.";

    public async ValueTask<bool> IsExhaustedAsync(HttpContext http) => await failures.CountAsync(AddressKey(http)) >= MaxFailuresPerAddress;

    /// <summary>True while the account's password is refused from this client's address.</summary>
    public async ValueTask<bool> IsLockedAsync(HttpContext http, string accountId) => await failures.CountAsync(AccountKey(http, accountId)) >= MaxFailuresPerAccount;

    /// <summary>Counts a failure against the address and, when the account exists, against it from this address.</summary>
    public async Task RecordFailureAsync(HttpContext http, string? accountId = null)
    {
        await failures.RecordAsync(AddressKey(http));
        if (accountId is not null)
        {
            await failures.RecordAsync(AccountKey(http, accountId), AccountLockout);
        }
    }

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static (string, string) AddressKey(HttpContext http) => ("sign-in", Address(http));

    private static (string, string, string) AccountKey(HttpContext http, string accountId) => ("sign-in-account", accountId, Address(http));
}
