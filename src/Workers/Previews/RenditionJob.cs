using Hangfire;
using Strata.Infrastructure.Previews;

namespace Strata.Workers.Previews;

/// <summary>
/// Renders the pending renditions of one content. Idempotent by content hash: a rendition no longer pending is left
/// alone. An unexpected error is retried twice at most (the service records each attempt and fails the rendition on the
/// last), a refusal or timeout not at all. One method per queue, since a retry returns to the queue its method names.
/// </summary>
public sealed class RenditionJob(RenditionService renditions)
{
    [Queue(RenditionQueues.Interactive)]
    [AutomaticRetry(Attempts = RenditionService.MaxAttempts - 1, DelaysInSeconds = [5, 30], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task RunInteractiveAsync(string sourceHash, string contentType, int[] sizes, CancellationToken cancellationToken) =>
        renditions.RenderAsync(sourceHash, contentType, sizes, cancellationToken);

    /// <summary>A web-playable copy: long work, so it waits behind the pictures someone is looking at.</summary>
    [Queue(RenditionQueues.Background)]
    [AutomaticRetry(Attempts = RenditionService.MaxAttempts - 1, DelaysInSeconds = [5, 30], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task TranscodeAsync(string sourceHash, CancellationToken cancellationToken) =>
        renditions.TranscodeAsync(sourceHash, cancellationToken);

    [Queue(RenditionQueues.Background)]
    [AutomaticRetry(Attempts = RenditionService.MaxAttempts - 1, DelaysInSeconds = [5, 30], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task RunInBackgroundAsync(string sourceHash, string contentType, int[] sizes, CancellationToken cancellationToken) =>
        renditions.RenderAsync(sourceHash, contentType, sizes, cancellationToken);

    /// <summary>A page past the first of a paged source (a PDF, a converted document), which someone is waiting for.</summary>
    [Queue(RenditionQueues.Interactive)]
    [AutomaticRetry(Attempts = RenditionService.MaxAttempts - 1, DelaysInSeconds = [5, 30], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task RunPageInteractiveAsync(string sourceHash, string contentType, int page, int[] sizes, CancellationToken cancellationToken) =>
        renditions.RenderAsync(sourceHash, contentType, page, sizes, cancellationToken);
}
