using System.Reflection;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Previews;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Persistence;
using Strata.Tests.Previews;
using Strata.Workers.Previews;

namespace Strata.Workers.Tests.Previews;

public sealed class RenditionJobTests : WorkersScenario
{
    [Fact]
    public async Task A_committed_photo_queues_one_background_job_that_renders_the_standard_sizes()
    {
        var photo = await Host.WriteAsync("/Shared/photo.jpg", TestImages.Photo(".jpg"), Ct);

        var job = Host.Jobs.Created.ShouldHaveSingleItem();
        job.Method.Name.ShouldBe(nameof(RenditionJob.RunInBackgroundAsync));
        job.Method.GetCustomAttribute<QueueAttribute>().ShouldNotBeNull().Queue.ShouldBe(RenditionQueues.Background);
        (await Host.RunQueuedJobsAsync()).ShouldBe(1);
        var rows = await RenditionsAsync(photo.ContentHash!);
        rows.Select(r => (r.Size, r.Status, r.Width, r.Height)).ShouldBe(
        [
            (64, RenditionStatus.Ready, 64, 64),
            (256, RenditionStatus.Ready, 256, 256),
            (1024, RenditionStatus.Ready, 1024, 683),
        ]);
        (await Task.WhenAll(rows.Select(r => Host.Store.ExistsAsync(r.BlobHash!, Ct)))).ShouldAllBe(stored => stored);
    }

    [Fact]
    public async Task Identical_content_uploaded_twice_renders_once()
    {
        var bytes = TestImages.Photo(".png");

        var first = await Host.WriteAsync("/Shared/a.png", bytes, Ct);
        await Host.WriteAsync("/Shared/copy of a.png", bytes, Ct);
        await Host.RunQueuedJobsAsync();
        await Host.WriteAsync("/Shared/later.png", bytes, Ct);

        Host.Jobs.Created.Count.ShouldBe(1);
        (await RenditionsAsync(first.ContentHash!)).Count.ShouldBe(RenditionSize.Standard.Count);
    }

    [Fact]
    public async Task Running_a_job_twice_renders_once()
    {
        var photo = await Host.WriteAsync("/Shared/photo.jpg", TestImages.Photo(".jpg"), Ct);
        await Host.RunQueuedJobsAsync();
        var rendered = await RenditionsAsync(photo.ContentHash!);

        await Host.RunAsync(async sp =>
        {
            await sp.GetRequiredService<RenditionJob>().RunInBackgroundAsync(photo.ContentHash!, "image/jpeg", [.. RenditionSize.Standard], Ct);
            return true;
        });

        (await RenditionsAsync(photo.ContentHash!)).Select(r => r.BlobHash).ShouldBe(rendered.Select(r => r.BlobHash));
    }

    [Fact]
    public async Task With_the_flag_off_nothing_is_queued()
    {
        await Host.SetFlagAsync(FlagNames.Thumbnails, enabled: false);

        var photo = await Host.WriteAsync("/Shared/photo.jpg", TestImages.Photo(".jpg"), Ct);

        Host.Jobs.Created.ShouldBeEmpty();
        (await RenditionsAsync(photo.ContentHash!)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Files_without_a_renderer_queue_nothing()
    {
        await Host.WriteAsync("/Shared/archive.zip", [0x50, 0x4B, 0x05, 0x06, .. new byte[18]], Ct);
        await Host.WriteAsync("/Shared/drawing.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray(), Ct);

        Host.Jobs.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_decompression_bomb_ends_as_a_recorded_failure_quickly()
    {
        var bomb = await Host.WriteAsync("/Shared/bomb.png", TestImages.DecompressionBomb(), Ct);
        var started = TimeProvider.System.GetTimestamp();

        await Host.RunQueuedJobsAsync();

        TimeProvider.System.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(2));
        (await RenditionsAsync(bomb.ContentHash!)).ShouldAllBe(r => r.Status == RenditionStatus.Failed && r.FailureReason!.Contains("megapixels"));
    }

    private Task<List<Rendition>> RenditionsAsync(string hash) => Host.RunAsync(async sp =>
    {
        await using var db = await sp.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct);
        return await db.Renditions.AsNoTracking().Where(r => r.SourceHash == hash).OrderBy(r => r.Size).ToListAsync(Ct);
    });
}
