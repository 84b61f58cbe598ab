using System.Reflection;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Files;
using Strata.Domain.Previews;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Previews;
using Strata.Infrastructure.Search;
using Strata.Tests.Previews;
using Strata.Workers.Search;

namespace Strata.Workers.Tests.Search;

/// <summary>
/// Only failures are tried again, at most <see cref="RenditionService.MaxAttempts"/> times by the job and afresh by an
/// administrator; a skip never. Administrators list the outcomes a page at a time.
/// </summary>
public sealed class TextExtractionRetryTests : WorkersScenario
{
    private const string Word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Fact]
    public void The_job_runs_a_failing_content_at_most_max_attempts_times_in_all()
    {
        var retry = typeof(TextExtractionJob).GetMethod(nameof(TextExtractionJob.RunAsync))!.GetCustomAttribute<AutomaticRetryAttribute>().ShouldNotBeNull();

        (retry.Attempts + 1).ShouldBe(RenditionService.MaxAttempts);
        retry.OnAttemptsExceeded.ShouldBe(AttemptsExceededAction.Delete);
    }

    [Fact]
    public async Task A_skip_ends_the_job_without_an_error_and_is_never_read_again_nor_retried()
    {
        var empty = await WriteAsync("/Shared/empty.docx", TestDocuments.Docx(), Ct);
        await Host.RunQueuedJobsAsync();

        await Host.RunAsync(async sp =>
        {
            await sp.GetRequiredService<TextExtraction>().ExtractAsync(empty.ContentHash!, Word, Ct);
            return true;
        });
        var retry = await RetryAsync(empty.ContentHash!);

        retry.ShouldBe(ExtractionRetry.NothingFailed);
        var text = await TextAsync(empty.ContentHash!);
        (text.Status, text.Attempts, text.FailureReason).ShouldBe((RenditionStatus.Skipped, 0, "The document has no text (a scan or a picture?)."));
        Host.Jobs.TryDequeue(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task An_administrators_retry_starts_a_failure_afresh_and_bounds_it_again()
    {
        var broken = await WriteAsync("/Shared/broken.docx", "PK not really a zip"u8.ToArray(), Ct);
        await FailForGoodAsync(broken.ContentHash!);
        var failedAt = (await TextAsync(broken.ContentHash!)).CreatedAt;
        Host.Clock.Advance(TimeSpan.FromMinutes(5));

        var retry = await RetryAsync(broken.ContentHash!);

        retry.ShouldBe(ExtractionRetry.Queued);
        var again = await TextAsync(broken.ContentHash!);
        (again.Status, again.Attempts, again.FailureReason).ShouldBe((RenditionStatus.Pending, 0, null));
        again.CreatedAt.ShouldBe(failedAt.AddMinutes(5));
        await FailForGoodAsync(broken.ContentHash!);
        (await TextAsync(broken.ContentHash!)).ShouldSatisfyAllConditions(
            t => t.Status.ShouldBe(RenditionStatus.Failed), t => t.Attempts.ShouldBe(RenditionService.MaxAttempts));
    }

    [Fact]
    public async Task A_retry_while_search_is_off_changes_nothing()
    {
        var broken = await WriteAsync("/Shared/broken.docx", "PK not really a zip"u8.ToArray(), Ct);
        await FailForGoodAsync(broken.ContentHash!);
        await Host.SetFlagAsync(FlagNames.Search, enabled: false);

        var retry = await RetryAsync(broken.ContentHash!);

        retry.ShouldBe(ExtractionRetry.SearchOff);
        (await TextAsync(broken.ContentHash!)).Status.ShouldBe(RenditionStatus.Failed);
        Host.Jobs.TryDequeue(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Outcomes_are_listed_by_status_newest_first_a_page_at_a_time_with_a_file_that_holds_each()
    {
        await WriteAsync("/Shared/first.docx", "PK first"u8.ToArray(), Ct);
        await WriteAsync("/Shared/second.docx", "PK second"u8.ToArray(), Ct);
        var good = await WriteAsync("/Shared/good.docx", TestDocuments.Docx("Quarterly forecast"), Ct);
        while (Host.Jobs.TryDequeue(out var job))
        {
            var (hash, type) = ((string)job.Args[0], (string)job.Args[1]);
            await Host.RunAsync(sp => ExtractUntilFinalAsync(sp, hash, type));
        }

        var first = await ListAsync(RenditionStatus.Failed, before: null);
        var second = await ListAsync(RenditionStatus.Failed, first.NextCursor);
        var ready = await ListAsync(RenditionStatus.Ready, before: null);

        first.Items.ShouldHaveSingleItem().Path.ShouldBe("/Shared/second.docx");
        second.Items.ShouldHaveSingleItem().Path.ShouldBe("/Shared/first.docx");
        second.NextCursor.ShouldBeNull();
        var read = ready.Items.ShouldHaveSingleItem();
        (read.Path, read.ContentType, read.Size, read.Status, read.Reason).ShouldBe(("/Shared/good.docx", Word, good.Size, RenditionStatus.Ready, null));
    }

    /// <summary>Writes as any front door does, with thumbnails off so that the queue holds text jobs only.</summary>
    private async Task<NodeInfo> WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        await Host.SetFlagAsync(FlagNames.Thumbnails, enabled: false);
        return await Host.WriteAsync(path, content, cancellationToken);
    }

    private Task<ExtractionRetry> RetryAsync(string hash) =>
        Host.RunAsync(sp => sp.GetRequiredService<TextExtractionScheduler>().RetryAsync(hash, Ct));

    private Task<ExtractionOutcomePage> ListAsync(RenditionStatus status, long? before) =>
        Host.RunAsync(sp => sp.GetRequiredService<ExtractionOutcomes>().ListAsync(status, before, limit: 1, Ct));

    /// <summary>Runs the queued text job as Hangfire would, again after each error, and expects it to give up after the last.</summary>
    private async Task FailForGoodAsync(string hash)
    {
        Host.Jobs.TryDequeue(out var job).ShouldBeTrue();
        ((string)job.Args[0]).ShouldBe(hash);
        (await Host.RunAsync(sp => ExtractUntilFinalAsync(sp, hash, (string)job.Args[1]))).ShouldBe(RenditionService.MaxAttempts);
    }

    /// <summary>Returns how many runs it took.</summary>
    private static async Task<int> ExtractUntilFinalAsync(IServiceProvider services, string hash, string contentType)
    {
        var runs = 0;
        while (true)
        {
            runs++;
            try
            {
                await services.GetRequiredService<TextExtraction>().ExtractAsync(hash, contentType, Ct);
                return runs;
            }
            catch (Exception) when (runs < RenditionService.MaxAttempts)
            {
                // Hangfire's automatic retry.
            }
        }
    }

    private Task<Rendition> TextAsync(string hash) => Host.RunAsync(async sp =>
    {
        await using var db = await sp.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct);
        return await db.Renditions.AsNoTracking().SingleAsync(r => r.SourceHash == hash && r.Kind == RenditionKind.Text, Ct);
    });
}
