using System.Reflection;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Previews;
using Strata.Infrastructure.Persistence;
using Strata.Tests.Previews;
using Strata.Workers.Previews;

namespace Strata.Workers.Tests.Previews;

public sealed class DocumentRenditionJobTests : WorkersScenario
{
    [Fact]
    public async Task A_committed_pdf_renders_its_first_page_in_the_background_with_the_page_count()
    {
        var pdf = await Host.WriteAsync("/Shared/contract.pdf", TestDocuments.Pdf(3), Ct);

        Host.Jobs.Created.Where(j => j.Type == typeof(RenditionJob)).ShouldHaveSingleItem().Method.Name.ShouldBe(nameof(RenditionJob.RunInBackgroundAsync));
        await Host.RunQueuedJobsAsync();

        var rows = await RenditionsAsync(pdf.ContentHash!);
        rows.Select(r => (r.Page, r.Size, r.Status, r.PageCount)).ShouldBe(
        [
            (1, 64, RenditionStatus.Ready, 3),
            (1, 256, RenditionStatus.Ready, 3),
            (1, 1024, RenditionStatus.Ready, 3),
        ]);
    }

    [Fact]
    public async Task A_page_asked_for_is_queued_on_the_interactive_queue_and_rendered()
    {
        var pdf = await Host.WriteAsync("/Shared/contract.pdf", TestDocuments.Pdf(3), Ct);
        await Host.RunQueuedJobsAsync();

        var queued = await Host.RunAsync(sp => sp.GetRequiredService<RenditionScheduler>()
            .QueueAsync(pdf.ContentHash!, "application/pdf", 3, [RenditionSize.Full], interactive: true, Ct));
        var again = await Host.RunAsync(sp => sp.GetRequiredService<RenditionScheduler>()
            .QueueAsync(pdf.ContentHash!, "application/pdf", 3, [RenditionSize.Full], interactive: true, Ct));

        (queued, again).ShouldBe((true, false));
        var job = Host.Jobs.Created.Where(j => j.Method.Name == nameof(RenditionJob.RunPageInteractiveAsync)).ShouldHaveSingleItem();
        job.Method.GetCustomAttribute<QueueAttribute>().ShouldNotBeNull().Queue.ShouldBe(RenditionQueues.Interactive);
        (await Host.RunQueuedJobsAsync()).ShouldBe(1);
        var page = (await RenditionsAsync(pdf.ContentHash!)).Where(r => r.Page == 3).ShouldHaveSingleItem();
        (page.Size, page.Status, page.Height, page.PageCount).ShouldBe((RenditionSize.Full, RenditionStatus.Ready, 2048, 3));
    }

    [Fact]
    public async Task A_pdf_whose_name_has_shell_characters_renders_and_runs_nothing()
    {
        var pdf = await Host.WriteAsync("/Shared/-f 2 $(touch pwned); `id`; rm -rf x & 'a'.pdf", TestDocuments.Pdf(1), Ct);

        await Host.RunQueuedJobsAsync();

        (await RenditionsAsync(pdf.ContentHash!)).ShouldAllBe(r => r.Status == RenditionStatus.Ready);
        File.Exists("pwned").ShouldBeFalse();
    }

    [Fact]
    public async Task A_pdf_whose_page_tree_loops_ends_as_a_recorded_failure()
    {
        var pdf = await Host.WriteAsync("/Shared/loop.pdf", TestDocuments.LoopingPdf(), Ct);

        await Host.RunQueuedJobsAsync();

        (await RenditionsAsync(pdf.ContentHash!)).ShouldAllBe(r => r.Status == RenditionStatus.Failed && r.Attempts == 0 && r.FailureReason != null);
    }

    private Task<List<Rendition>> RenditionsAsync(string hash) => Host.RunAsync(async sp =>
    {
        await using var db = await sp.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct);
        return await db.Renditions.AsNoTracking().Where(r => r.SourceHash == hash && r.Kind == RenditionKind.Thumbnail).OrderBy(r => r.Page).ThenBy(r => r.Size).ToListAsync(Ct);
    });
}
