using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Search;

namespace Strata.Infrastructure.Tests.Files;

public sealed class PackedBlobStoreTests : IDisposable
{
    private const int Threshold = 4096;
    private readonly string _root = Directory.CreateTempSubdirectory("strata-packs-").FullName;
    private readonly List<LocalBlobStore> _stores = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string PackFolder => Path.Combine(_root, "packs");

    [Fact]
    public async Task Concurrent_writers_all_read_back()
    {
        var store = Open();
        var contents = Enumerable.Range(0, 64 * 4).Select(i => RandomNumberGenerator.GetBytes(1 + (i * 37 % Threshold))).ToArray();

        var hashes = await Task.WhenAll(Enumerable.Range(0, 64).Select(writer => Task.Run(async () =>
        {
            var written = new List<string>();
            for (var i = writer; i < contents.Length; i += 64)
            {
                written.Add(await CommitAsync(store, contents[i], expectCreated: true));
            }

            return written;
        }, Ct)));

        var all = hashes.SelectMany(h => h).ToList();
        all.Count.ShouldBe(contents.Length);
        var reopened = Reopen();
        foreach (var bytes in contents)
        {
            (await ReadAsync(reopened, Hex(bytes))).ShouldBe(bytes);
        }
    }

    [Fact]
    public async Task Content_at_the_threshold_is_packed_and_one_byte_more_is_a_file()
    {
        var store = Open();
        var atThreshold = RandomNumberGenerator.GetBytes(Threshold);
        var above = RandomNumberGenerator.GetBytes(Threshold + 1);
        var uploaded = Path.Combine(store.StagingFolder, "upload.part");
        var uploadedBytes = RandomNumberGenerator.GetBytes(Threshold);
        await File.WriteAllBytesAsync(uploaded, uploadedBytes, Ct);

        var packed = await CommitAsync(store, atThreshold, expectCreated: true);
        var file = await CommitAsync(store, above, expectCreated: true);
        await using (var staged = await store.StageFileAsync(uploaded, knownSha256: null, Ct))
        {
            (await staged.CommitAsync(Ct)).ShouldBeTrue();
        }

        store.LocalPathOf(packed).ShouldBeNull();
        store.LocalPathOf(Hex(uploadedBytes)).ShouldBeNull();
        File.Exists(store.LocalPathOf(file)).ShouldBeTrue();
        File.Exists(uploaded).ShouldBeFalse();
        Directory.EnumerateFiles(store.StagingFolder).ShouldBeEmpty();
        (await ReadAsync(store, packed)).ShouldBe(atThreshold);
        (await ReadAsync(store, file)).ShouldBe(above);
        (await ReadAsync(store, Hex(uploadedBytes))).ShouldBe(uploadedBytes);
    }

    [Fact]
    public async Task Identical_content_is_stored_once_across_files_and_packs()
    {
        var asFile = RandomNumberGenerator.GetBytes(1000);
        var asPack = RandomNumberGenerator.GetBytes(1000);
        var packingOff = Open(packThreshold: 0);
        await CommitAsync(packingOff, asFile, expectCreated: true);
        var packing = Reopen();
        await CommitAsync(packing, asPack, expectCreated: true);

        await CommitAsync(packing, asFile, expectCreated: false);
        await CommitAsync(Reopen(packThreshold: 0), asPack, expectCreated: false);

        var listed = await ListAsync(Reopen());
        listed.Order().ShouldBe(new[] { Hex(asFile), Hex(asPack) }.Order());
    }

    [Fact]
    public async Task A_range_of_a_packed_blob_reads_only_its_bytes()
    {
        var store = Open();
        var before = await CommitAsync(store, RandomNumberGenerator.GetBytes(100), expectCreated: true);
        var bytes = RandomNumberGenerator.GetBytes(3000);
        var hash = await CommitAsync(store, bytes, expectCreated: true);
        await CommitAsync(store, RandomNumberGenerator.GetBytes(100), expectCreated: true);

        await using var stream = await store.OpenReadAsync(hash, Ct);
        stream.Seek(2900, SeekOrigin.Begin);
        var tail = new byte[500];
        var read = await stream.ReadAtLeastAsync(tail, tail.Length, throwOnEndOfStream: false, Ct);

        stream.CanSeek.ShouldBeTrue();
        stream.CanWrite.ShouldBeFalse();
        stream.Length.ShouldBe(3000);
        read.ShouldBe(100);
        tail[..100].ShouldBe(bytes[2900..]);
        stream.Position = 10;
        (await stream.ReadAsync(tail.AsMemory(0, 20), Ct)).ShouldBe(20);
        tail[..20].ShouldBe(bytes[10..30]);
        (await ReadAsync(store, before)).Length.ShouldBe(100);
    }

    [Fact]
    public async Task A_packed_blob_shorter_than_a_zip_header_is_refused_as_not_a_zip()
    {
        // A file's stream throws IOException on a seek before its start; ZipArchive relies on that to say "not a zip".
        var store = Open();
        var hash = await CommitAsync(store, "draft"u8.ToArray(), expectCreated: true);

        await using var stream = await store.OpenReadAsync(hash, Ct);

        Should.Throw<IOException>(() => stream.Seek(-22, SeekOrigin.End));
        Should.Throw<InvalidDataException>(() => ZipGuard.Check(stream, ZipLimits.Documents));
    }

    [Fact]
    public async Task A_deleted_packed_blob_stays_deleted_after_a_restart()
    {
        var store = Open();
        var deleted = await CommitAsync(store, RandomNumberGenerator.GetBytes(500), expectCreated: true);
        var kept = await CommitAsync(store, RandomNumberGenerator.GetBytes(500), expectCreated: true);

        await store.DeleteAsync(deleted, Ct);
        await store.DeleteAsync(deleted, Ct);

        (await store.ExistsAsync(deleted, Ct)).ShouldBeFalse();
        await Should.ThrowAsync<FileNotFoundException>(() => store.OpenReadAsync(deleted, Ct));
        var reopened = Reopen();
        (await reopened.ExistsAsync(deleted, Ct)).ShouldBeFalse();
        (await ListAsync(reopened)).ShouldBe([kept]);
    }

    [Fact]
    public async Task Packed_blobs_are_listed_with_the_time_they_were_written()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        var store = Open(clock: clock);
        var hash = await CommitAsync(store, [1, 2, 3], expectCreated: true);

        clock.Advance(TimeSpan.FromHours(2));
        var listed = new List<(string, DateTimeOffset)>();
        await foreach (var entry in Reopen(clock: clock).ListAsync(Ct))
        {
            listed.Add(entry);
        }

        listed.ShouldBe([(hash, new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero))]);
    }

    [Theory]
    [InlineData("a header cut short")]
    [InlineData("a header whose bytes never reached the disk")]
    [InlineData("zeros")]
    public async Task A_torn_tail_is_cut_off_at_start(string tail)
    {
        var store = Open();
        var contents = Enumerable.Range(0, 3).Select(_ => RandomNumberGenerator.GetBytes(2000)).ToList();
        foreach (var bytes in contents)
        {
            await CommitAsync(store, bytes, expectCreated: true);
        }

        store.Dispose();
        var volume = Directory.EnumerateFiles(PackFolder, "*.pack").ShouldHaveSingleItem();
        var intact = new FileInfo(volume).Length;
        await AppendTornTailAsync(volume, tail);

        var reopened = Reopen();
        new FileInfo(volume).Length.ShouldBe(intact);
        (await ListAsync(reopened)).Count.ShouldBe(3);
        var after = RandomNumberGenerator.GetBytes(2000);
        await CommitAsync(reopened, after, expectCreated: true);
        var again = Reopen();
        foreach (var bytes in contents.Append(after))
        {
            (await ReadAsync(again, Hex(bytes))).ShouldBe(bytes);
        }
    }

    [Fact]
    public async Task Compaction_under_concurrent_reads_and_writes_keeps_every_live_blob()
    {
        var store = Open(packVolumeSize: 16 << 10);
        var contents = Enumerable.Range(0, 120).Select(_ => RandomNumberGenerator.GetBytes(1000)).ToList();
        foreach (var bytes in contents)
        {
            await CommitAsync(store, bytes, expectCreated: true);
        }

        var kept = contents.Where((_, i) => i % 4 == 0).ToList();
        foreach (var bytes in contents.Except(kept))
        {
            await store.DeleteAsync(Hex(bytes), Ct);
        }

        var volumesBefore = Directory.GetFiles(PackFolder, "*.pack");
        await using var openedBefore = await store.OpenReadAsync(Hex(kept[0]), Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var reads = 0;
            for (var i = r; !stop.IsCancellationRequested || reads < kept.Count; i++, reads++)
            {
                var bytes = kept[i % kept.Count];
                (await ReadAsync(store, Hex(bytes))).ShouldBe(bytes);
            }
        }, Ct)).ToList();
        var added = new List<byte[]>();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var bytes = RandomNumberGenerator.GetBytes(1000);
                await CommitAsync(store, bytes, expectCreated: true);
                added.Add(bytes);
            }
        }, Ct);

        var compacted = await store.CompactAsync(Ct);
        await stop.CancelAsync();
        await Task.WhenAll([.. readers, writer]);

        compacted.ShouldBeGreaterThan(0);
        // The writer may fill new volumes meanwhile: what must be gone is each volume compacted.
        volumesBefore.Except(Directory.GetFiles(PackFolder, "*.pack")).Count().ShouldBe(compacted);
        (await ReadAllAsync(openedBefore)).ShouldBe(kept[0]);
        var reopened = Reopen(packVolumeSize: 16 << 10);
        (await ListAsync(reopened)).Order().ShouldBe(kept.Concat(added).Select(Hex).Order());
        foreach (var bytes in kept.Concat(added))
        {
            (await ReadAsync(reopened, Hex(bytes))).ShouldBe(bytes);
        }
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        Directory.Delete(_root, recursive: true);
    }

    private static async Task AppendTornTailAsync(string volume, string tail)
    {
        var record = new byte[56 + 2000];
        await using (var file = new FileStream(volume, FileMode.Open, FileAccess.Read))
        {
            await file.ReadExactlyAsync(record, Ct);
        }

        byte[] torn = tail switch
        {
            "a header cut short" => record[..30],
            "a header whose bytes never reached the disk" => [.. record[..56], .. new byte[2000]],
            _ => new byte[4096],
        };
        await using var append = new FileStream(volume, FileMode.Append, FileAccess.Write);
        await append.WriteAsync(torn, Ct);
    }

    private LocalBlobStore Open(int packThreshold = Threshold, long packVolumeSize = 1 << 20, TimeProvider? clock = null)
    {
        var store = new LocalBlobStore(_root, clock ?? TimeProvider.System, packThreshold, packVolumeSize);
        _stores.Add(store);
        return store;
    }

    // As after a restart: the index is rebuilt from the volumes. The earlier store is closed first, as a process would be.
    private LocalBlobStore Reopen(int packThreshold = Threshold, long packVolumeSize = 1 << 20, TimeProvider? clock = null)
    {
        _stores[^1].Dispose();
        return Open(packThreshold, packVolumeSize, clock);
    }

    private static async Task<string> CommitAsync(LocalBlobStore store, byte[] bytes, bool expectCreated)
    {
        await using var staged = await store.StageAsync(new MemoryStream(bytes), Ct);
        (await staged.CommitAsync(Ct)).ShouldBe(expectCreated);
        return staged.Hash;
    }

    private static async Task<byte[]> ReadAsync(LocalBlobStore store, string hash)
    {
        await using var stream = await store.OpenReadAsync(hash, Ct);
        return await ReadAllAsync(stream);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    private static async Task<List<string>> ListAsync(LocalBlobStore store)
    {
        var hashes = new List<string>();
        await foreach (var (hash, _) in store.ListAsync(Ct))
        {
            hashes.Add(hash);
        }

        return hashes;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
