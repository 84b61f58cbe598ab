using System.Reflection;
using Microsoft.Data.SqlClient;
using Npgsql;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;
using Xunit.Sdk;
using Xunit.v3;

namespace Strata.Infrastructure.Tests;

/// <summary>
/// Runs a theory once per database provider, its only argument: SQLite always, and each server provider whose
/// variable holds a connection string to a server where tests may create and drop databases (as bitwarden/server's
/// <c>DatabaseData</c>). A server not configured is not in the data at all: nothing runs and nothing is skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderDataAttribute : DataAttribute
{
    /// <summary>The variable naming each server provider's connection string.</summary>
    public static readonly IReadOnlyDictionary<DatabaseProvider, string> Variables = new Dictionary<DatabaseProvider, string>
    {
        [DatabaseProvider.SqlServer] = "STRATA_TEST_SQLSERVER",
        [DatabaseProvider.PostgreSql] = "STRATA_TEST_POSTGRES",
    };

    public static IEnumerable<DatabaseProvider> Configured =>
        Enum.GetValues<DatabaseProvider>().Where(p => p == DatabaseProvider.Sqlite || !string.IsNullOrEmpty(ServerConnectionString(p)));

    /// <summary>The variable naming the Redis that scale-out tests may use (and flush).</summary>
    public const string RedisVariable = "STRATA_TEST_REDIS";

    /// <summary>Only the server providers, for what needs a database that several hosts share.</summary>
    public bool ServersOnly { get; set; }

    /// <summary>Only when a Redis is configured too (<see cref="Redis"/>).</summary>
    public bool WithRedis { get; set; }

    /// <summary>Only when Azurite is configured too (<see cref="ObjectStoreDataAttribute"/>), for what needs blobs that several hosts share.</summary>
    public bool WithObjectStore { get; set; }

    /// <summary>The configured Redis, or null.</summary>
    public static string? Redis => Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } redis ? redis : null;

    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new(Configured.Where(p => (!ServersOnly || p != DatabaseProvider.Sqlite) && (!WithRedis || Redis is not null)
            && (!WithObjectStore || ObjectStoreDataAttribute.ConnectionString(BlobProvider.AzureBlob) is not null)).Select(p => new TheoryDataRow<DatabaseProvider>(p)).ToList<ITheoryDataRow>());

    public override bool SupportsDiscoveryEnumeration() => true;

    /// <summary>
    /// The connection string of a database of its own named <paramref name="database"/> on the configured server; null
    /// for SQLite, whose file the app places in its data folder.
    /// </summary>
    public static string? ConnectionStringFor(DatabaseProvider provider, string database) => provider switch
    {
        DatabaseProvider.Sqlite => null,
        DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(ServerConnectionString(provider)) { InitialCatalog = database }.ConnectionString,
        DatabaseProvider.PostgreSql => new NpgsqlConnectionStringBuilder(ServerConnectionString(provider)) { Database = database }.ConnectionString,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "No test database for this provider."),
    };

    private static string? ServerConnectionString(DatabaseProvider provider) =>
        Variables.TryGetValue(provider, out var variable) ? Environment.GetEnvironmentVariable(variable) : null;
}
