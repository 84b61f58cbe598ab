using System.Security.Cryptography;
using Strata.Infrastructure.Files;

namespace Strata.Infrastructure.Tests.Files;

/// <summary>The blob store contract on a real object store: Azurite for Azure Blob Storage, s3rver for S3.</summary>
public sealed class ObjectBlobStoreTests : IDisposable
{
    private readonly string _staging = Directory.CreateTempSubdirectory("strata-staging-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(SkipTestWithoutData = true)]
    [ObjectStoreData]
    public async Task Content_in_many_blocks_reads_back_whole_and_by_range(BlobProvider provider)
    {
        var store = await OpenAsync(provider);

        // Past one 8 MiB block and one 16 MiB part, so the multi-part upload is what is tested.
        var bytes = RandomNumberGenerator.GetBytes((20 << 20) + 5);
        var hash = await StoreAsync(store, bytes);

        hash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        (await store.ExistsAsync(hash, Ct)).ShouldBeTrue();
        await using var read = await store.OpenReadAsync(hash, Ct);
        read.Length.ShouldBe(bytes.Length);
        (await ReadToEndAsync(read)).ShouldBe(bytes);

        read.Position = 17 << 20;
        var range = new byte[1 << 20];
        await read.ReadExactlyAsync(range, Ct);
        range.ShouldBe(bytes.AsSpan(17 << 20, 1 << 20).ToArray());

        read.Seek(-3, SeekOrigin.End);
        (await ReadToEndAsync(read)).ShouldBe(bytes[^3..]);
        Directory.EnumerateFiles(_staging).ShouldBeEmpty();
    }

    [Theory(SkipTestWithoutData = true)]
    [ObjectStoreData]
    public async Task The_same_content_is_stored_once_and_empty_content_too(BlobProvider provider)
    {
        var store = await OpenAsync(provider);

        await using (var first = await store.StageAsync(new MemoryStream("twice"u8.ToArray()), Ct))
        {
            (await first.CommitAsync(Ct)).ShouldBeTrue();
        }

        await using (var second = await store.StageAsync(new MemoryStream("twice"u8.ToArray()), Ct))
        {
            (await second.CommitAsync(Ct)).ShouldBeFalse();
        }

        var empty = await StoreAsync(store, []);
        await using var read = await store.OpenReadAsync(empty, Ct);
        (await ReadToEndAsync(read)).ShouldBeEmpty();
        (await store.ListAsync(Ct).ToListAsync(Ct)).Count.ShouldBe(2);
    }

    [Theory(SkipTestWithoutData = true)]
    [ObjectStoreData]
    public async Task A_finished_upload_is_taken_over_with_the_hash_its_writer_knew(BlobProvider provider)
    {
        var store = await OpenAsync(provider);
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var upload = Path.Combine(store.StagingFolder, "upload.part");
        await File.WriteAllBytesAsync(upload, bytes, Ct);

        await using var staged = await store.StageFileAsync(upload, Convert.ToHexStringLower(SHA256.HashData(bytes)), Ct);
        (await staged.CommitAsync(Ct)).ShouldBeTrue();

        File.Exists(upload).ShouldBeFalse();
        await using var read = await store.OpenReadAsync(staged.Hash, Ct);
        (await ReadToEndAsync(read)).ShouldBe(bytes);
    }

    [Theory(SkipTestWithoutData = true)]
    [ObjectStoreData]
    public async Task Deleted_and_missing_blobs_are_not_found_and_deleting_twice_is_fine(BlobProvider provider)
    {
        var store = await OpenAsync(provider);
        var hash = await StoreAsync(store, "short-lived"u8.ToArray());

        await store.DeleteAsync(hash, Ct);
        await store.DeleteAsync(hash, Ct);

        (await store.ExistsAsync(hash, Ct)).ShouldBeFalse();
        await Should.ThrowAsync<FileNotFoundException>(() => store.OpenReadAsync(hash, Ct));
        (await store.ListAsync(Ct).ToListAsync(Ct)).ShouldBeEmpty();
    }

    [Theory(SkipTestWithoutData = true)]
    [ObjectStoreData]
    public async Task The_sweep_lists_blobs_with_their_write_time_and_nothing_else(BlobProvider provider)
    {
        var options = ObjectStoreDataAttribute.FreshContainer(provider);
        var bucket = ObjectBuckets.Open(options);
        await bucket.EnsureCreatedAsync(Ct);
        var store = new ObjectBlobStore(bucket, _staging, TimeProvider.System);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var hash = await StoreAsync(store, "listed"u8.ToArray());
        var stranger = Path.Combine(_staging, "stranger.txt");
        await File.WriteAllTextAsync(stranger, "not a blob", Ct);
        await bucket.UploadAsync("notes/stranger.txt", stranger, Ct);
        (await bucket.ListAsync("notes/", Ct).ToListAsync(Ct)).ShouldHaveSingleItem().Key.ShouldBe("notes/stranger.txt");

        var listed = await store.ListAsync(Ct).ToListAsync(Ct);

        listed.ShouldHaveSingleItem().Hash.ShouldBe(hash);
        listed[0].WrittenAt.ShouldBeInRange(before, DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Theory(SkipTestWithoutData = true)]
    [ObjectStoreData]
    public async Task A_read_that_would_block_on_the_network_is_refused(BlobProvider provider)
    {
        var store = await OpenAsync(provider);
        var hash = await StoreAsync(store, "read me asynchronously"u8.ToArray());

        await using var read = await store.OpenReadAsync(hash, Ct);
        Should.Throw<NotSupportedException>(() => read.ReadByte());
        await using var local = (await LocalBlobFile.ObtainAsync(store, hash, Ct)).ShouldNotBeNull();
        await using (var file = local.Open())
        {
            new StreamReader(file).ReadToEnd().ShouldBe("read me asynchronously");
        }

        await local.DisposeAsync();
        File.Exists(local.Path).ShouldBeFalse();
    }

    [Theory(SkipTestWithoutData = true)]
    [ObjectStoreData]
    public async Task An_unreachable_store_fails_the_start_with_its_reason(BlobProvider provider)
    {
        var options = ObjectStoreDataAttribute.FreshContainer(provider);
        options.ConnectionString = provider == BlobProvider.AzureBlob
            ? "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;"
            : "ServiceUrl=http://127.0.0.1:9;AccessKey=S3RVER;SecretKey=S3RVER;ForcePathStyle=true";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));

        var failed = await Should.ThrowAsync<Exception>(() => ObjectBuckets.Open(options).EnsureCreatedAsync(timeout.Token));

        failed.ShouldNotBeOfType<OperationCanceledException>();
    }

    public void Dispose() => Directory.Delete(_staging, recursive: true);

    private async Task<ObjectBlobStore> OpenAsync(BlobProvider provider)
    {
        var bucket = ObjectBuckets.Open(ObjectStoreDataAttribute.FreshContainer(provider));
        await bucket.EnsureCreatedAsync(Ct);
        return new ObjectBlobStore(bucket, _staging, TimeProvider.System);
    }

    private static async Task<string> StoreAsync(ObjectBlobStore store, byte[] bytes)
    {
        await using var staged = await store.StageAsync(new MemoryStream(bytes), Ct);
        await staged.CommitAsync(Ct);
        return staged.Hash;
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }
}
