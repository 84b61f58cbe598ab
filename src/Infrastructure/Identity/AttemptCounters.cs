using Microsoft.Extensions.Caching.Memory;

namespace Strata.Infrastructure.Identity;

/// <summary>Counts that expire a window after their first increment: where <see cref="FailedAttempts"/> keeps them.</summary>
public interface IAttemptCounters
{
    ValueTask<long> CountAsync(string key);

    Task IncrementAsync(string key, TimeSpan window);
}

/// <summary>In this process's memory: one host alone.</summary>
internal sealed class MemoryAttemptCounters(IMemoryCache cache) : IAttemptCounters
{
    public ValueTask<long> CountAsync(string key) => new(cache.TryGetValue(new Key(key), out Counter? counter) ? Interlocked.Read(ref counter!.Value) : 0);

    public Task IncrementAsync(string key, TimeSpan window)
    {
        var counter = cache.GetOrCreate(new Key(key), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = window;
            return new Counter();
        })!;
        Interlocked.Increment(ref counter.Value);
        return Task.CompletedTask;
    }

    // Wrapped so that no other user of the shared cache can collide with a count.
    private readonly record struct Key(string Value);

    private sealed class Counter
    {
        public long Value;
    }
}
