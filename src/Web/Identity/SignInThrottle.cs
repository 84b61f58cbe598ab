using Strata.Infrastructure.Identity;

namespace Strata.Web.Identity;

/// <summary>
/// Failed password checks per client address, counted alike by every door that takes a password (the sign-in form,
/// HTTP Basic). Once an address has failed <see cref="MaxFailuresPerAddress"/> times in <see cref="FailedAttempts.Window"/>,
/// its attempts are refused unchecked: that bounds guessing across accounts (each account's lockout bounds guessing
/// it) and the hashing anyone could make the server do with made-up credentials.
/// </summary>
internal sealed class SignInThrottle(FailedAttempts failures)
{
    /// <summary>Generous: a whole office may share one address.</summary>
    public const int MaxFailuresPerAddress = 50;

    public bool IsExhausted(HttpContext http) => failures.Count(Key(http)) >= MaxFailuresPerAddress;

    public void RecordFailure(HttpContext http) => failures.Record(Key(http));

    private static (string, string) Key(HttpContext http) => ("sign-in", http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
