using Microsoft.Extensions.Caching.Memory;

namespace Strata.Infrastructure.Identity;

/// <summary>
/// Failed password attempts counted per key (a client address, a link and an address…) over <see cref="Window"/>,
/// in this process's memory: what brute-force throttling of link passwords and sign-ins counts against.
/// </summary>
public sealed class FailedAttempts(IMemoryCache cache)
{
    /// <summary>How long a failure counts; a refused client is told to retry after it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public int Count(object key) => cache.TryGetValue(new Key(key), out Counter? counter) ? counter!.Value : 0;

    public void Record(object key) => Record(key, Window);

    /// <summary>Counts a failure that is forgotten <paramref name="window"/> after the first one under the same key.</summary>
    public void Record(object key, TimeSpan window)
    {
        var counter = cache.GetOrCreate(new Key(key), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = window;
            return new Counter();
        })!;
        Interlocked.Increment(ref counter.Value);
    }

    // Wrapped so that no other user of the shared cache can collide with a count.
    private readonly record struct Key(object Value);

    private sealed class Counter
    {
        public int Value;
    }
}
