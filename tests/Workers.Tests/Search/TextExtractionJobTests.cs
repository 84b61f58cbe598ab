using System.Diagnostics;
using System.Reflection;
using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Strata.Domain.Previews;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Search;
using Strata.Tests.Previews;
using Strata.Workers.Search;

namespace Strata.Workers.Tests.Search;

public sealed class TextExtractionJobTests : WorkersScenario
{
    [Fact]
    public async Task A_committed_document_queues_its_text_on_the_search_queue_and_the_job_keeps_it()
    {
        var doc = await Host.WriteAsync("/Shared/forecast.docx", TestDocuments.Docx("Quarterly forecast", "Numbers"), Ct);

        var job = Host.Jobs.Created.Where(j => j.Type == typeof(TextExtractionJob)).ShouldHaveSingleItem();
        job.Method.GetCustomAttribute<QueueAttribute>().ShouldNotBeNull().Queue.ShouldBe(TextExtractionJob.Queue);
        await Host.RunQueuedJobsAsync();

        var text = (await TextAsync(doc.ContentHash!)).ShouldHaveSingleItem();
        (text.Status, text.Attempts, await Host.Store.ExistsAsync(text.BlobHash!, Ct)).ShouldBe((RenditionStatus.Ready, 0, true));
        (await Host.RunAsync(sp => sp.GetRequiredService<TextExtraction>().ReadTextAsync(doc.ContentHash!, Ct))).ShouldBe("Quarterly forecast\nNumbers");
    }

    [Fact]
    public async Task Identical_content_is_read_once_and_a_photo_not_at_all()
    {
        var bytes = TestDocuments.Pdf(2);

        await Host.WriteAsync("/Shared/a.pdf", bytes, Ct);
        await Host.WriteAsync("/Shared/copy of a.pdf", bytes, Ct);
        await Host.RunQueuedJobsAsync();
        await Host.WriteAsync("/Shared/later.pdf", bytes, Ct);
        await Host.WriteAsync("/Shared/photo.png", TestImages.Photo(".png"), Ct);

        Host.Jobs.Created.Count(j => j.Type == typeof(TextExtractionJob)).ShouldBe(1);
    }

    [Fact]
    public async Task Nothing_is_read_while_the_search_flag_is_off()
    {
        await Host.SetFlagAsync(FlagNames.Search, enabled: false);

        var doc = await Host.WriteAsync("/Shared/notes.txt", "hello"u8.ToArray(), Ct);

        Host.Jobs.Created.ShouldNotContain(j => j.Type == typeof(TextExtractionJob));
        (await TextAsync(doc.ContentHash!)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Content_over_the_size_cap_is_skipped_with_the_reason_and_never_read()
    {
        var doc = await Host.WriteAsync("/Shared/big.txt", Encoding.UTF8.GetBytes(new string('x', 2048)), Ct);

        await ExtractWithAsync(new SearchOptions { MaxExtractBytes = 1024 }, doc.ContentHash!, "text/plain");

        var text = (await TextAsync(doc.ContentHash!)).ShouldHaveSingleItem();
        (text.Status, text.BlobHash).ShouldBe((RenditionStatus.Skipped, null));
        text.FailureReason.ShouldNotBeNull().ShouldStartWith("Larger than");
    }

    [Fact]
    public async Task A_document_that_never_ends_fails_at_the_time_cap_without_a_retry()
    {
        var pdf = await Host.WriteAsync("/Shared/endless.pdf", TestDocuments.EndlessPdf(), Ct);

        var clock = Stopwatch.StartNew();
        await ExtractWithAsync(new SearchOptions { ExtractionTimeout = TimeSpan.FromSeconds(1) }, pdf.ContentHash!, "application/pdf");

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        var text = (await TextAsync(pdf.ContentHash!)).ShouldHaveSingleItem();
        (text.Status, text.Attempts).ShouldBe((RenditionStatus.Failed, 0));
        text.FailureReason.ShouldNotBeNull().ShouldContain("longer than 1 s");
    }

    [Fact]
    public async Task A_broken_document_is_retried_a_bounded_number_of_times_then_failed_with_the_reason()
    {
        var doc = await Host.WriteAsync("/Shared/broken.docx", "PK not really a zip"u8.ToArray(), Ct);
        var type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

        await Should.ThrowAsync<Exception>(() => ExtractWithAsync(new SearchOptions(), doc.ContentHash!, type));
        await Should.ThrowAsync<Exception>(() => ExtractWithAsync(new SearchOptions(), doc.ContentHash!, type));
        await ExtractWithAsync(new SearchOptions(), doc.ContentHash!, type);

        var text = (await TextAsync(doc.ContentHash!)).ShouldHaveSingleItem();
        (text.Status, text.Attempts).ShouldBe((RenditionStatus.Failed, 3));
        text.FailureReason.ShouldNotBeNull().ShouldStartWith("Reading the text failed");
    }

    private Task<bool> ExtractWithAsync(SearchOptions options, string hash, string contentType) => Host.RunAsync(async sp =>
    {
        var extraction = ActivatorUtilities.CreateInstance<TextExtraction>(sp, Options.Create(options));
        await extraction.ExtractAsync(hash, contentType, Ct);
        return true;
    });

    private Task<List<Rendition>> TextAsync(string hash) => Host.RunAsync(async sp =>
    {
        await using var db = await sp.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct);
        return await db.Renditions.AsNoTracking().Where(r => r.SourceHash == hash && r.Kind == RenditionKind.Text).ToListAsync(Ct);
    });
}
