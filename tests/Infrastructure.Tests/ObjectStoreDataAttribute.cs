using System.Reflection;
using Strata.Infrastructure.Files;
using Xunit.Sdk;
using Xunit.v3;

namespace Strata.Infrastructure.Tests;

/// <summary>
/// Runs a theory once per object store whose variable holds a connection string (test.sh starts Azurite and s3rver and
/// sets both), its only argument. As with <see cref="ProviderDataAttribute"/>, a store not configured is not in the data.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ObjectStoreDataAttribute : DataAttribute
{
    public static readonly IReadOnlyDictionary<BlobProvider, string> Variables = new Dictionary<BlobProvider, string>
    {
        [BlobProvider.AzureBlob] = "STRATA_TEST_AZURE_BLOB",
        [BlobProvider.S3] = "STRATA_TEST_S3",
    };

    public static IEnumerable<BlobProvider> Configured => Variables.Keys.Where(p => ConnectionString(p) is not null);

    public static string? ConnectionString(BlobProvider provider) =>
        Environment.GetEnvironmentVariable(Variables[provider]) is { Length: > 0 } value ? value : null;

    /// <summary>Settings for a container of the test's own (a fresh name, so tests sharing one emulator never meet).</summary>
    public static BlobStorageOptions FreshContainer(BlobProvider provider) => new()
    {
        Provider = provider,
        ConnectionString = ConnectionString(provider),
        Container = "t" + Guid.NewGuid().ToString("N")[..20],
    };

    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new(Configured.Select(p => new TheoryDataRow<BlobProvider>(p)).ToList<ITheoryDataRow>());

    public override bool SupportsDiscoveryEnumeration() => true;
}
