using StackExchange.Redis;
using Strata.Infrastructure.Redis;

namespace Strata.Infrastructure.Sharing;

/// <summary>
/// The version of everyone's rights, which <see cref="PermissionService"/>'s cache is keyed by: a change of grants,
/// memberships or folder paths bumps it here and, when hosts share a Redis, on every other host at once (each
/// host's cache would otherwise serve the old rights until it idles out).
/// </summary>
public sealed class RightsVersion
{
    private const string ChannelName = "rights-changed";

    private readonly ISubscriber? _subscriber;
    private readonly RedisChannel _channel;
    private long _value;

    public RightsVersion(SharedRedis? redis = null)
    {
        if (redis is null)
        {
            return;
        }

        _channel = redis.Channel(ChannelName);
        _subscriber = redis.Connection.GetSubscriber();

        // Not waited for: a host whose Redis is down must still start (and report itself not ready); the subscription is
        // made, and made again after every reconnection, by the connection itself.
        _subscriber.Subscribe(_channel, (_, _) => Interlocked.Increment(ref _value), CommandFlags.FireAndForget);
    }

    public long Current => Interlocked.Read(ref _value);

    public void Bump()
    {
        Interlocked.Increment(ref _value);
        _subscriber?.Publish(_channel, RedisValue.EmptyString, CommandFlags.FireAndForget);
    }
}
