using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.Infrastructure.Files;

/// <summary>Creates <c>/Shared</c> and <c>/Private</c> at start, after migrations.</summary>
internal sealed class SystemFolderSeeder(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FileService>().EnsureSystemFoldersAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
