namespace Strata.Infrastructure.Identity;

/// <summary>
/// Failed password attempts counted per key (a client address, a link and an address…) over <see cref="Window"/>:
/// what brute-force throttling of link passwords and sign-ins counts against. Kept in this process's memory, or in
/// Redis when hosts share one.
/// </summary>
public sealed class FailedAttempts(IAttemptCounters counters)
{
    /// <summary>How long a failure counts; a refused client is told to retry after it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public async ValueTask<int> CountAsync(object key) => (int)await counters.CountAsync(KeyOf(key));

    public Task RecordAsync(object key) => RecordAsync(key, Window);

    /// <summary>Counts a failure that is forgotten <paramref name="window"/> after the first one under the same key.</summary>
    public Task RecordAsync(object key, TimeSpan window) => counters.IncrementAsync(KeyOf(key), window);

    // Keys are tuples of text and numbers, whose text form tells them apart.
    private static string KeyOf(object key) => Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture)!;
}
