using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Hosting;
using Strata.Infrastructure.Identity;

namespace Strata.Web.Hosting;

/// <summary>
/// Says at start where the data lives and, on an empty database (no administrator configured), where to create the
/// first one: a relative DataPath depends on the folder the server started in, which <c>dotnet run</c> chooses.
/// </summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime, IServer server, IServiceScopeFactory scopes, IOptions<StrataOptions> strata, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Once started the server knows its real addresses (a port of 0 has been given one).
        lifetime.ApplicationStarted.Register(() => _ = AnnounceAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        LogDataFolder(logger, strata.Value.FullDataPath);
        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<AccountService>().IsSetupRequiredAsync(cancellationToken))
        {
            LogSetup(logger, new Uri(BrowsableAddress(), "/account/setup"));
        }
    }

    /// <summary>The first address the server listens on, with a wildcard host replaced by one a browser can open.</summary>
    private Uri BrowsableAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        var wildcard = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        return new Uri(wildcard);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data folder: {Path}")]
    private static partial void LogDataFolder(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Open {Url} to create the administrator")]
    private static partial void LogSetup(ILogger logger, Uri url);
}
