using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Web.Hosting;

internal sealed class DatabaseHealthCheck(IDbContextFactory<StrataDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database is not reachable.");
    }
}

internal sealed class BlobFolderHealthCheck(IBlobStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(store.StagingFolder, "health-" + Guid.NewGuid().ToString("N"));
        try
        {
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (IOException e)
        {
            return HealthCheckResult.Unhealthy("The blob folder is not writable.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            return HealthCheckResult.Unhealthy("The blob folder is not writable.", e);
        }
        finally
        {
            File.Delete(probe);
        }
    }
}

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapStrataHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return endpoints;
    }
}
