using System.Security.Cryptography;
using Strata.Infrastructure.Files;

namespace Strata.Infrastructure.Tests.Files;

public sealed class LocalBlobStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("strata-blobs-").FullName;
    private readonly LocalBlobStore _store;

    public LocalBlobStoreTests() => _store = new LocalBlobStore(_root, TimeProvider.System);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staging_hashes_while_streaming_and_commit_publishes_under_the_hash()
    {
        // Several chunks, the last one short: the hash must see them in order although they are written in the background.
        var bytes = RandomNumberGenerator.GetBytes((5 << 20) + 3);
        var expected = Convert.ToHexStringLower(SHA256.HashData(bytes));

        await using var staged = await _store.StageAsync(new MemoryStream(bytes), Ct);

        staged.Hash.ShouldBe(expected);
        staged.Size.ShouldBe(bytes.Length);
        (await _store.ExistsAsync(expected, Ct)).ShouldBeFalse();
        await staged.CommitAsync(Ct);
        (await _store.ExistsAsync(expected, Ct)).ShouldBeTrue();
        await using var read = await _store.OpenReadAsync(expected, Ct);
        (await ReadAllAsync(read)).ShouldBe(bytes);
    }

    [Fact]
    public async Task A_large_stage_hands_the_flushed_bytes_back_to_the_page_cache()
    {
        // The background fsync starts at 64 MiB and covers the chunks before the one in flight; the rest stays cached.
        var bytes = RandomNumberGenerator.GetBytes(100 << 20);

        await using var staged = await _store.StageAsync(new MemoryStream(bytes), Ct);

        var file = Directory.GetFiles(_store.StagingFolder).ShouldHaveSingleItem();
        (await PageCacheResidency.OfAsync(file, Ct)).ShouldBeLessThanOrEqualTo(37L << 20);
        staged.Hash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task Uncommitted_stage_leaves_no_temp_file_and_no_blob()
    {
        string hash;
        await using (var staged = await _store.StageAsync(new MemoryStream([1, 2, 3]), Ct))
        {
            hash = staged.Hash;
        }

        (await _store.ExistsAsync(hash, Ct)).ShouldBeFalse();
        Directory.EnumerateFiles(_store.StagingFolder).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_stream_failing_midway_leaves_no_temp_file()
    {
        await Should.ThrowAsync<IOException>(() => _store.StageAsync(new BrokenStream(), Ct));

        Directory.EnumerateFiles(_store.StagingFolder).ShouldBeEmpty();
    }

    [Fact]
    public async Task Identical_content_is_stored_once()
    {
        var bytes = RandomNumberGenerator.GetBytes(4096);
        await using var first = await _store.StageAsync(new MemoryStream(bytes), Ct);
        (await first.CommitAsync(Ct)).ShouldBeTrue();
        await using var second = await _store.StageAsync(new MemoryStream(bytes), Ct);
        (await second.CommitAsync(Ct)).ShouldBeFalse();

        var stored = new List<string>();
        await foreach (var (hash, _) in _store.ListAsync(Ct))
        {
            stored.Add(hash);
        }

        stored.ShouldBe([first.Hash]);
        Directory.EnumerateFiles(_store.StagingFolder).ShouldBeEmpty();
    }

    [Fact]
    public async Task Staging_a_file_moves_it_into_the_store()
    {
        var source = Path.Combine(_store.StagingFolder, "upload.part");
        await File.WriteAllTextAsync(source, "resumable", Ct);

        await using var staged = await _store.StageFileAsync(source, knownSha256: null, Ct);
        await staged.CommitAsync(Ct);

        File.Exists(source).ShouldBeFalse();
        await using var read = await _store.OpenReadAsync(staged.Hash, Ct);
        (await ReadAllAsync(read)).ShouldBe("resumable"u8.ToArray());
    }

    [Fact]
    public async Task A_staged_file_written_long_ago_is_listed_as_written_now_so_the_gc_spares_it()
    {
        var source = Path.Combine(_store.StagingFolder, "upload.part");
        await File.WriteAllTextAsync(source, "finished yesterday", Ct);
        File.SetLastWriteTimeUtc(source, DateTime.UnixEpoch);

        await using var staged = await _store.StageFileAsync(source, knownSha256: null, Ct);
        await staged.CommitAsync(Ct);

        var listed = new List<DateTimeOffset>();
        await foreach (var (_, writtenAt) in _store.ListAsync(Ct))
        {
            listed.Add(writtenAt);
        }

        listed.ShouldHaveSingleItem().ShouldBeGreaterThan(TimeProvider.System.GetUtcNow().AddMinutes(-1));
    }

    [Fact]
    public async Task Staging_a_file_with_its_known_hash_yields_the_same_blob_as_hashing_it()
    {
        // Several chunks, the last one short: the hash must see them in order although they are written in the background.
        var bytes = RandomNumberGenerator.GetBytes((5 << 20) + 3);
        var hashed = Path.Combine(_store.StagingFolder, "hashed.part");
        var known = Path.Combine(_store.StagingFolder, "known.part");
        await File.WriteAllBytesAsync(hashed, bytes, Ct);
        await File.WriteAllBytesAsync(known, bytes, Ct);

        await using var byHashing = await _store.StageFileAsync(hashed, knownSha256: null, Ct);
        await byHashing.CommitAsync(Ct);
        await using var byKnownHash = await _store.StageFileAsync(known, Convert.ToHexStringLower(SHA256.HashData(bytes)), Ct);
        await byKnownHash.CommitAsync(Ct);

        byKnownHash.Hash.ShouldBe(byHashing.Hash);
        byKnownHash.Size.ShouldBe(byHashing.Size);
        byKnownHash.Size.ShouldBe(bytes.Length);
        File.Exists(known).ShouldBeFalse();
        var stored = new List<string>();
        await foreach (var (hash, _) in _store.ListAsync(Ct))
        {
            stored.Add(hash);
        }

        stored.ShouldBe([byHashing.Hash]);
        await using var read = await _store.OpenReadAsync(byKnownHash.Hash, Ct);
        (await ReadAllAsync(read)).ShouldBe(bytes);
        Directory.EnumerateFiles(_store.StagingFolder).ShouldBeEmpty();
    }

    [Fact]
    public async Task Staging_a_file_with_a_malformed_known_hash_is_refused_and_leaves_the_file()
    {
        var source = Path.Combine(_store.StagingFolder, "upload.part");
        await File.WriteAllTextAsync(source, "resumable", Ct);

        await Should.ThrowAsync<ArgumentException>(() => _store.StageFileAsync(source, "ABC", Ct));

        File.Exists(source).ShouldBeTrue();
    }

    [Fact]
    public async Task Delete_is_idempotent()
    {
        await using var staged = await _store.StageAsync(new MemoryStream([9]), Ct);
        await staged.CommitAsync(Ct);

        await _store.DeleteAsync(staged.Hash, Ct);
        await _store.DeleteAsync(staged.Hash, Ct);

        (await _store.ExistsAsync(staged.Hash, Ct)).ShouldBeFalse();
        await Should.ThrowAsync<FileNotFoundException>(() => _store.OpenReadAsync(staged.Hash, Ct));
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class BrokenStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) =>
            _reads++ < 3 ? count : throw new IOException("The client went away.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _reads++ < 3 ? ValueTask.FromResult(buffer.Length) : throw new IOException("The client went away.");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
