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

    /// <summary>A web-playable copy: minutes of work, on a queue of its own so that no thumbnail waits behind it.</summary>
    [Queue(RenditionQueues.Video)]
    [AutomaticRetry(Attempts = RenditionService.MaxAttempts - 1, DelaysInSeconds = [5, 30], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task TranscodeAsync(string sourceHash, string contentType, CancellationToken cancellationToken) =>
        renditions.TranscodeAsync(sourceHash, contentType, cancellationToken);

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
