using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Strata.Infrastructure.Files;

/// <summary>Ready only while the object store answers: without it no file can be read or written.</summary>
internal sealed class ObjectStoreHealthCheck(IObjectBucket bucket) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Any answer, "no such object" included, shows the store is there and takes the credentials.
            await bucket.GetLengthAsync("health-probe", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The object store is not reachable.", e);
        }
    }
}
