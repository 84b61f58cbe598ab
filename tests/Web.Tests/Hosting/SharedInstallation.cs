using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Tests;

namespace Strata.Web.Tests.Hosting;

/// <summary>
/// One installation run by several hosts, as a fleet is: a server database of its own (dropped at the end), a container
/// of its own in Azurite when that is configured, else one blob folder (unpacked, since two hosts must not append to the
/// same volumes), and, when Redis is configured, a key prefix of its own there. Disposing it disposes its hosts.
/// </summary>
internal sealed class SharedInstallation(DatabaseProvider provider) : IAsyncDisposable
{
    private readonly string _database = $"strata_fleet_{Guid.NewGuid():N}";
    private readonly string _blobs = Directory.CreateTempSubdirectory("strata-fleet-blobs-").FullName;
    private readonly List<StrataAppFactory> _hosts = [];

    // The fleet's blobs are in Azurite when it runs (as in test.sh), else in one folder all hosts share.
    private readonly BlobStorageOptions? _objectStore =
        ObjectStoreDataAttribute.ConnectionString(BlobProvider.AzureBlob) is null ? null : ObjectStoreDataAttribute.FreshContainer(BlobProvider.AzureBlob);

    public IReadOnlyList<StrataAppFactory> Hosts => _hosts;

    /// <summary>The installation's container in Azurite, or null when its blobs are in a shared folder.</summary>
    public BlobStorageOptions? ObjectStore => _objectStore;

    /// <summary>Where this installation's keys and channels are in Redis.</summary>
    public string RedisPrefix => _database;

    /// <summary>
    /// A new host of the installation, started (on the test server unless the caller starts it on Kestrel first).
    /// <paramref name="redis"/> overrides the configured Redis; Redis is left out when none is configured.
    /// </summary>
    public StrataAppFactory AddHost(string roles = "Both", string? redis = null, Action<IServiceCollection>? configure = null, bool onKestrel = false)
    {
        var host = new StrataAppFactory { ConfigureTestServices = configure };
        foreach (var (key, value) in Settings(roles, redis))
        {
            host.Settings[key] = value;
        }

        _hosts.Add(host);
        if (!onKestrel)
        {
            _ = host.Services;
        }

        return host;
    }

    /// <summary>What every host of the installation is configured with (for a host in a process of its own, too).</summary>
    public Dictionary<string, string?> Settings(string roles = "Both", string? redis = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Strata:Database:Provider"] = provider.ToString(),
            ["Strata:Database:ConnectionString"] = ProviderDataAttribute.ConnectionStringFor(provider, _database),
            ["Strata:Blobs:Path"] = _blobs,
            ["Strata:Blobs:PackThreshold"] = "0",
            ["Strata:Roles"] = roles,
        };
        if (_objectStore is not null)
        {
            settings["Strata:Blobs:Provider"] = _objectStore.Provider.ToString();
            settings["Strata:Blobs:ConnectionString"] = _objectStore.ConnectionString;
            settings["Strata:Blobs:Container"] = _objectStore.Container;
        }

        if ((redis ?? ProviderDataAttribute.Redis) is { } configuration)
        {
            settings["Strata:Redis:Configuration"] = configuration;
            settings["Strata:Redis:Prefix"] = RedisPrefix;
        }

        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        _hosts.ForEach(h => h.Dispose());
        if (provider == DatabaseProvider.PostgreSql && ProviderDataAttribute.ConnectionStringFor(provider, _database) is { } connectionString)
        {
            NpgsqlConnection.ClearAllPools();
            await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString);
            await server.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }

        Directory.Delete(_blobs, recursive: true);
    }
}
