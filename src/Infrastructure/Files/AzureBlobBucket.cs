using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Strata.Infrastructure.Files;

/// <summary>A container in Azure Blob Storage (or Azurite). Block blobs: an upload's blocks become the blob only when its block list is committed.</summary>
public sealed class AzureBlobBucket(BlobContainerClient container) : IObjectBucket
{
    // Blocks of 8 MiB, four in flight: a 1 GiB upload keeps the link busy without holding more than 32 MiB.
    private static readonly StorageTransferOptions Transfer = new()
    {
        InitialTransferSize = 8 << 20,
        MaximumTransferSize = 8 << 20,
        MaximumConcurrency = 4,
    };

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return (await container.GetBlobClient(key).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task UploadAsync(string key, string path, CancellationToken cancellationToken) =>
        await container.GetBlobClient(key).UploadAsync(path, new BlobUploadOptions { TransferOptions = Transfer }, cancellationToken);

    public async Task<Stream> ReadFromAsync(string key, long offset, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(key).DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(offset) }, cancellationToken);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException("No such object.", key, e);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await container.GetBlobClient(key).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    public async IAsyncEnumerable<(string Key, DateTimeOffset WrittenAt)> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            yield return (item.Name, item.Properties.LastModified ?? DateTimeOffset.MinValue);
        }
    }
}
