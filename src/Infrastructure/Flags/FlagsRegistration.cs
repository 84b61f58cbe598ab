using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.FeatureManagement;

namespace Strata.Infrastructure.Flags;

public static class FlagsRegistration
{
    /// <summary>Flags from the database; the host adds targeting (it knows who the user is).</summary>
    public static IFeatureManagementBuilder AddDatabaseFlags(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<FlagStore>();
        builder.Services.AddSingleton<IFeatureDefinitionProvider, DatabaseFeatureDefinitionProvider>();
        builder.Services.AddHostedService<FlagSeeder>();
        return builder.Services.AddFeatureManagement();
    }

    private sealed class FlagSeeder(FlagStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.SeedAsync(FlagNames.Seeds, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
