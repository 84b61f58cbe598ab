using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.FeatureManagement;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Search;

namespace Strata.Workers.Search;

/// <summary>
/// Queues the reading of a document's text when new content is committed through any front door, once per content
/// hash (the claim), on a queue of its own so that search is fresh even while a bulk upload is being pictured.
/// Nothing new is read while the Search flag is off.
/// </summary>
public sealed class TextExtractionScheduler(
    TextExtraction extraction, ExtractionOutcomes outcomes, IFeatureManager features, IBackgroundJobClient jobs, ILogger<TextExtractionScheduler> logger)
    : IContentCommitted
{
    public async Task OnCommittedAsync(Caller caller, NodeInfo file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.ContentHash is not { } hash || !extraction.CanExtract(file.ContentType) || !await features.IsEnabledAsync(FlagNames.Search))
        {
            return;
        }

        try
        {
            if (await extraction.ClaimAsync(hash, file.ContentType, cancellationToken))
            {
                jobs.Enqueue<TextExtractionJob>(j => j.RunAsync(hash, file.ContentType!, CancellationToken.None));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The write has succeeded; an administrator's re-index reads the text again.
            logger.LogError(e, "Queueing the text extraction of {Path} failed", file.Path);
        }
    }

    /// <summary>
    /// Reads a content's failed text again from a fresh start (an administrator's retry, say after a fix), its
    /// attempts bounded again; changes nothing unless it is queued.
    /// </summary>
    public async Task<ExtractionRetry> RetryAsync(string sourceHash, CancellationToken cancellationToken)
    {
        if (!await features.IsEnabledAsync(FlagNames.Search))
        {
            return ExtractionRetry.SearchOff;
        }

        if (await outcomes.RetryAsync(sourceHash, cancellationToken) is not { } contentType)
        {
            return ExtractionRetry.NothingFailed;
        }

        jobs.Enqueue<TextExtractionJob>(j => j.RunAsync(sourceHash, contentType, CancellationToken.None));
        return ExtractionRetry.Queued;
    }
}

/// <summary>What came of an administrator's retry of a content's text.</summary>
public enum ExtractionRetry
{
    /// <summary>Claimed again and queued.</summary>
    Queued,

    /// <summary>Its text has not failed (a skip is final), or no file holds the content any more.</summary>
    NothingFailed,

    /// <summary>The Search flag is off, so nothing is read.</summary>
    SearchOff,
}
