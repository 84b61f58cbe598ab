using StackExchange.Redis;
using Strata.Infrastructure.Redis;

namespace Strata.Infrastructure.Identity;

/// <summary>In Redis, so that failures count alike on every host: a guesser spreading tries over hosts gains nothing.</summary>
internal sealed class RedisAttemptCounters(SharedRedis redis) : IAttemptCounters
{
    // The window starts at the first failure and is not extended by the next ones; set in the same step as the count,
    // so that no count is ever left without an expiry.
    private static readonly LuaScript Increment = LuaScript.Prepare(
        "local n = redis.call('INCR', @key) if n == 1 then redis.call('PEXPIRE', @key, @windowMs) end return n");

    public async ValueTask<long> CountAsync(string key)
    {
        var count = await redis.Database.StringGetAsync(Key(key));
        return count.TryParse(out long value) ? value : 0;
    }

    public Task IncrementAsync(string key, TimeSpan window) =>
        redis.Database.ScriptEvaluateAsync(Increment, new { key = Key(key), windowMs = (long)window.TotalMilliseconds });

    private RedisKey Key(string key) => redis.Key("attempts:" + key);
}
