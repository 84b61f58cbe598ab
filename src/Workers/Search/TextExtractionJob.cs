using Hangfire;
using Strata.Infrastructure.Previews;
using Strata.Infrastructure.Search;

namespace Strata.Workers.Search;

/// <summary>
/// Reads the text of one content. Idempotent by content hash; an unexpected error is retried twice at most (the
/// service records each attempt and fails the text on the last), a skip or the time cap not at all.
/// </summary>
public sealed class TextExtractionJob(TextExtraction extraction)
{
    /// <summary>The Hangfire queue of text extraction, with a worker of its own.</summary>
    public const string Queue = "search";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = RenditionService.MaxAttempts - 1, DelaysInSeconds = [5, 30], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task RunAsync(string sourceHash, string contentType, CancellationToken cancellationToken) =>
        extraction.ExtractAsync(sourceHash, contentType, cancellationToken);
}
