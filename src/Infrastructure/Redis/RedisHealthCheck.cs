using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Strata.Infrastructure.Redis;

/// <summary>Ready only while Redis answers: without it a host would sign people out and miss other hosts' changes.</summary>
internal sealed class RedisHealthCheck(SharedRedis redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.Database.PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (RedisException e)
        {
            return HealthCheckResult.Unhealthy("Redis is not reachable.", e);
        }
    }
}
