using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;
using Strata.Tests.Previews;
using Strata.Workers.Blobs;
using Strata.Workers.Trash;

namespace Strata.Workers.Tests.Blobs;

public sealed class BlobGarbageCollectionJobTests : WorkersScenario
{
    [Fact]
    public async Task A_referenced_blob_is_never_collected()
    {
        var file = await Host.WriteAsync("/Shared/kept.bin", RandomNumberGenerator.GetBytes(1000), Ct);
        Host.Clock.Advance(TimeSpan.FromDays(400));

        var report = await CollectAsync();

        report.ShouldBe(new BlobGcReport(0, 0, 0));
        (await Host.Store.ExistsAsync(file.ContentHash!, Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task The_sweep_of_many_referenced_blobs_asks_the_database_once_per_batch()
    {
        for (var i = 0; i < 40; i++)
        {
            await Host.WriteAsync($"/Shared/kept-{i}.bin", RandomNumberGenerator.GetBytes(100), Ct);
        }

        Host.Clock.Advance(TimeSpan.FromDays(1));
        var before = Host.Commands.Created;

        (await CollectAsync()).ShouldBe(new BlobGcReport(0, 0, 0));
        (Host.Commands.Created - before).ShouldBeLessThan(10);
    }

    [Fact]
    public async Task A_stored_blob_no_version_references_yet_waits_for_the_grace_period()
    {
        var (hash, _) = await StoreAsync(RandomNumberGenerator.GetBytes(1000));

        Host.Clock.Advance(TimeSpan.FromMinutes(59));
        (await CollectAsync()).ShouldBe(new BlobGcReport(0, 0, 0));
        (await Host.Store.ExistsAsync(hash, Ct)).ShouldBeTrue();

        Host.Clock.Advance(TimeSpan.FromMinutes(2));
        (await CollectAsync()).Orphans.ShouldBe(1);
        (await Host.Store.ExistsAsync(hash, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task Content_stored_again_long_after_its_first_write_waits_for_a_new_grace_period()
    {
        var bytes = RandomNumberGenerator.GetBytes(1000);
        var (hash, _) = await StoreAsync(bytes);
        Host.Clock.Advance(TimeSpan.FromHours(2));

        // Its file is now older than the grace period, and no version references it yet.
        await StoreAsync(bytes);
        (await CollectAsync()).ShouldBe(new BlobGcReport(0, 0, 0));
        (await Host.Store.ExistsAsync(hash, Ct)).ShouldBeTrue();

        Host.Clock.Advance(TimeSpan.FromHours(2));
        (await CollectAsync()).Unreferenced.ShouldBe(1);
        (await Host.Store.ExistsAsync(hash, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task Content_of_a_purged_file_is_collected()
    {
        var file = await Host.WriteAsync("/Shared/gone.bin", RandomNumberGenerator.GetBytes(1000), Ct);
        await PurgeAsync("/Shared/gone.bin");

        (await CollectAsync()).Orphans.ShouldBe(1);
        (await Host.Store.ExistsAsync(file.ContentHash!, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task Content_shared_by_a_copy_outlives_the_purge_of_the_original()
    {
        var bytes = RandomNumberGenerator.GetBytes(1000);
        var original = await Host.WriteAsync("/Shared/a.bin", bytes, Ct);
        await Host.WriteAsync("/Shared/b.bin", bytes, Ct);
        await PurgeAsync("/Shared/a.bin");
        Host.Clock.Advance(TimeSpan.FromHours(2));

        (await CollectAsync()).ShouldBe(new BlobGcReport(0, 0, 0));
        (await Host.Store.ExistsAsync(original.ContentHash!, Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_blob_a_crash_left_unrecorded_is_collected_after_the_grace_period()
    {
        await using var staged = await Host.Store.StageAsync(new MemoryStream(RandomNumberGenerator.GetBytes(1000)), Ct);
        await staged.CommitAsync(Ct);

        (await CollectAsync()).Orphans.ShouldBe(0);
        (await Host.Store.ExistsAsync(staged.Hash, Ct)).ShouldBeTrue();

        Host.Clock.Advance(TimeSpan.FromHours(2));
        (await CollectAsync()).Orphans.ShouldBe(1);
        (await Host.Store.ExistsAsync(staged.Hash, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task Stale_staging_files_go_but_other_features_files_stay()
    {
        var staging = Path.Combine(Host.Store.StagingFolder, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var uploadPart = Path.Combine(Host.Store.StagingFolder, "upload-1234.part");
        await File.WriteAllTextAsync(staging, "interrupted", Ct);
        await File.WriteAllTextAsync(uploadPart, "resumable", Ct);

        (await CollectAsync()).TempFiles.ShouldBe(0);

        Host.Clock.Advance(TimeSpan.FromHours(2));
        (await CollectAsync()).TempFiles.ShouldBe(1);
        File.Exists(staging).ShouldBeFalse();
        File.Exists(uploadPart).ShouldBeTrue();
    }

    [Fact]
    public async Task Renditions_and_their_blobs_live_while_a_version_references_their_source()
    {
        var photo = await Host.WriteAsync("/Shared/photo.jpg", TestImages.Photo(".jpg"), Ct);
        await Host.RunQueuedJobsAsync();
        var blobHashes = await RenditionBlobsAsync(photo.ContentHash!);
        Host.Clock.Advance(TimeSpan.FromDays(400));

        (await CollectAsync()).ShouldBe(new BlobGcReport(0, 0, 0));

        blobHashes.Count.ShouldBe(3);
        (await Task.WhenAll(blobHashes.Select(h => Host.Store.ExistsAsync(h, Ct)))).ShouldAllBe(stored => stored);
    }

    [Fact]
    public async Task Purging_the_last_version_of_a_content_removes_its_renditions_and_their_blobs()
    {
        var photo = await Host.WriteAsync("/Shared/photo.jpg", TestImages.Photo(".jpg"), Ct);
        await Host.RunQueuedJobsAsync();
        var blobHashes = await RenditionBlobsAsync(photo.ContentHash!);
        await PurgeAsync("/Shared/photo.jpg");

        var report = await CollectAsync();

        report.ShouldBe(new BlobGcReport(0, 4, 0, 3));
        (await RenditionBlobsAsync(photo.ContentHash!)).ShouldBeEmpty();
        (await Task.WhenAll(blobHashes.Select(h => Host.Store.ExistsAsync(h, Ct)))).ShouldAllBe(stored => !stored);
        (await Host.Store.ExistsAsync(photo.ContentHash!, Ct)).ShouldBeFalse();
    }

    private Task<List<string>> RenditionBlobsAsync(string sourceHash) => Host.RunAsync(async sp =>
    {
        await using var db = await sp.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct);
        return await db.Renditions.Where(r => r.SourceHash == sourceHash).Select(r => r.BlobHash!).ToListAsync(Ct);
    });

    private Task<(string Hash, long Size)> StoreAsync(byte[] content) =>
        Host.RunAsync(sp => sp.GetRequiredService<BlobService>().StoreAsync(new MemoryStream(content), Ct));

    private Task<BlobGcReport> CollectAsync() =>
        Host.RunAsync(sp => sp.GetRequiredService<BlobGarbageCollectionJob>().ExecuteAsync(Ct));

    private async Task PurgeAsync(string path)
    {
        await Host.RunAsync(sp => sp.GetRequiredService<FileService>().TrashAsync(WorkersHost.Admin, NodePath.Parse(path), WriteConditions.None, Ct));
        Host.Clock.Advance(TimeSpan.FromDays(31));
        (await Host.RunAsync(sp => sp.GetRequiredService<TrashPurgeJob>().ExecuteAsync(Ct))).ShouldBe(1);
    }
}
