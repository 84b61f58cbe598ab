using System.Data.Common;
using Amazon.Runtime;
using Amazon.S3;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Hosting;

namespace Strata.Infrastructure.Files;

/// <summary>Opens the object store that <c>Strata:Blobs</c> names.</summary>
public static class ObjectBuckets
{
    public static IObjectBucket Open(BlobStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            BlobProvider.AzureBlob => new AzureBlobBucket(new BlobContainerClient(options.ConnectionString, options.Container)),
            BlobProvider.S3 => new S3Bucket(OpenS3(options.ConnectionString!), options.Container),
            _ => throw new InvalidOperationException($"{options.Provider} is not an object store."),
        };
    }

    private static AmazonS3Client OpenS3(string connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string? Part(string name) => parts.TryGetValue(name, out var value) ? value as string : null;

        var config = new AmazonS3Config
        {
            ForcePathStyle = bool.TryParse(Part("ForcePathStyle"), out var pathStyle) && pathStyle,

            // Checksums only where S3 requires them: stores that speak its API do not all know the newer trailing ones.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (Part("ServiceUrl") is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = Part("Region") ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(Part("Region") ?? "us-east-1");
        }

        return Part("AccessKey") is { } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, Part("SecretKey")), config)
            : new AmazonS3Client(config);
    }
}

/// <summary>Creates the container or bucket before the host serves, and fails the start with the store's reason when it cannot be reached.</summary>
internal sealed class ObjectBucketSetup(IObjectBucket bucket) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => bucket.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
