using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace Strata.Infrastructure.Files;

/// <summary>A bucket in S3 or a store that speaks its API. Large uploads go in parts, which become the object only when the upload is completed.</summary>
public sealed class S3Bucket(IAmazonS3 client, string bucket) : IObjectBucket
{
    private const long PartSize = 16 << 20;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Made by an earlier start or another host: what was wanted.
        }
    }

    public async Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetObjectMetadataAsync(bucket, key, cancellationToken)).ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <remarks>
    /// Written with the plain calls rather than the SDK's TransferUtility, which cannot be told to send bodies without
    /// <c>aws-chunked</c> encoding: S3 decodes that, but stores that speak its API do not all (s3rver stores it raw).
    /// </remarks>
    public async Task UploadAsync(string key, string path, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        if (length <= PartSize)
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, FilePath = path, UseChunkEncoding = false }, cancellationToken);
            return;
        }

        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, cancellationToken);
        try
        {
            var parts = new PartETag[(int)((length + PartSize - 1) / PartSize)];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, parts.Length),
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var position = index * PartSize;
                    var part = await client.UploadPartAsync(
                        new UploadPartRequest
                        {
                            BucketName = bucket, Key = key, UploadId = upload.UploadId, PartNumber = index + 1,
                            FilePath = path, FilePosition = position, PartSize = Math.Min(PartSize, length - position), UseChunkEncoding = false,
                        },
                        token);
                    parts[index] = new PartETag(index + 1, part.ETag);
                });
            await client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = [.. parts] }, cancellationToken);
        }
        catch
        {
            // Parts of an upload never completed are billed until aborted; the object itself never appeared.
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId }, CancellationToken.None);
            throw;
        }
    }

    public async Task<Stream> ReadFromAsync(string key, long offset, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetObjectAsync(
                new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange($"bytes={offset}-") }, cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException("No such object.", key, e);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await client.DeleteObjectAsync(bucket, key, cancellationToken);

    public async IAsyncEnumerable<(string Key, DateTimeOffset WrittenAt)> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return (item.Key, item.LastModified is { } at ? new DateTimeOffset(at.ToUniversalTime()) : DateTimeOffset.MinValue);
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
    }
}
