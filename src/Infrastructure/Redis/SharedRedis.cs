using StackExchange.Redis;

namespace Strata.Infrastructure.Redis;

/// <summary>
/// The Redis that the hosts of one installation share, and where this installation's keys and channels are in it
/// (under <see cref="RedisOptions.Prefix"/>, so that installations can share one Redis). The host's container closes
/// the connection when the host stops.
/// </summary>
public sealed class SharedRedis(IConnectionMultiplexer connection, string prefix) : IDisposable
{
    public IConnectionMultiplexer Connection => connection;

    public string Prefix => prefix;

    public IDatabase Database => connection.GetDatabase();

    public RedisKey Key(string name) => $"{prefix}:{name}";

    public RedisChannel Channel(string name) => RedisChannel.Literal($"{prefix}:{name}");

    public void Dispose() => connection.Dispose();
}
