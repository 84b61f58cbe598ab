using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.FeatureManagement;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Previews;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Previews;

namespace Strata.Workers.Previews;

/// <summary>
/// Queues rendition jobs: the standard sizes in the background when new content is committed through any front door
/// (and for a video the web-playable copy, while VideoTranscode is on), and a size someone asks for on the interactive queue. Content is claimed by hash first, so identical content
/// committed twice is rendered once. Nothing new is queued while the Thumbnails flag is off.
/// </summary>
public sealed class RenditionScheduler(
    RenditionService renditions, IFeatureManager features, IBackgroundJobClient jobs, ILogger<RenditionScheduler> logger) : IContentCommitted
{
    public async Task OnCommittedAsync(Caller caller, NodeInfo file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.ContentHash is not { } hash || !renditions.HasRenderer(file.ContentType))
        {
            return;
        }

        try
        {
            await QueueAsync(hash, file.ContentType!, RenditionSize.Standard, interactive: false, cancellationToken);
            if (file.ContentType!.StartsWith("video/", StringComparison.OrdinalIgnoreCase))
            {
                // Ready before anyone presses play; the job drops it when the original plays as it is.
                await QueueVideoAsync(hash, file.ContentType, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The write has succeeded; its thumbnails are queued again when someone asks for them.
            logger.LogError(e, "Queueing the renditions of {Path} failed", file.Path);
        }
    }

    /// <summary>
    /// Claims the sizes the content lacks and queues a job for them; returns whether one was queued. False when the
    /// flag is off, the type has no renderer, or every size already has a rendition.
    /// </summary>
    public Task<bool> QueueAsync(string sourceHash, string contentType, IReadOnlyList<int> sizes, bool interactive, CancellationToken cancellationToken) =>
        QueueAsync(sourceHash, contentType, 1, sizes, interactive, cancellationToken);

    /// <summary>As <see cref="QueueAsync(string, string, IReadOnlyList{int}, bool, CancellationToken)"/>, for one page of a paged source.</summary>
    public async Task<bool> QueueAsync(string sourceHash, string contentType, int page, IReadOnlyList<int> sizes, bool interactive, CancellationToken cancellationToken)
    {
        if (!await features.IsEnabledAsync(FlagNames.Thumbnails))
        {
            return false;
        }

        var claimed = await renditions.ClaimAsync(sourceHash, contentType, page, sizes, cancellationToken);
        if (claimed.Count == 0)
        {
            return false;
        }

        Enqueue(sourceHash, contentType, page, [.. claimed], interactive);
        return true;
    }

    /// <summary>
    /// Claims the web-playable copy of a video and queues its transcode; returns whether one is on its way (claimed now
    /// or pending already). False when the VideoTranscode flag is off and none exists.
    /// </summary>
    public async Task<bool> QueueVideoAsync(string sourceHash, string contentType, CancellationToken cancellationToken)
    {
        if (!await features.IsEnabledAsync(FlagNames.VideoTranscode))
        {
            return false;
        }

        if (await renditions.ClaimVideoAsync(sourceHash, cancellationToken))
        {
            jobs.Enqueue<RenditionJob>(j => j.TranscodeAsync(sourceHash, contentType, CancellationToken.None));
        }

        return true;
    }

    /// <summary>Queues a transcode again whose job was lost (see <see cref="RenditionService.IsStale"/>).</summary>
    public void RequeueVideo(Rendition rendition, string contentType)
    {
        ArgumentNullException.ThrowIfNull(rendition);
        jobs.Enqueue<RenditionJob>(j => j.TranscodeAsync(rendition.SourceHash, contentType, CancellationToken.None));
    }

    /// <summary>Queues a pending rendition again whose job was lost (see <see cref="RenditionService.IsStale"/>).</summary>
    /// <summary>
    /// Renders a content's failed thumbnails again, from a fresh start (an administrator's retry, say after a fix
    /// or an upgrade of a tool); false, changing nothing, when the flag is off or nothing of it had failed.
    /// </summary>
    public async Task<bool> RetryAsync(RenditionFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.ContentType is null || !await features.IsEnabledAsync(FlagNames.Thumbnails))
        {
            return false;
        }

        var sizes = await renditions.ForgetFailuresAsync(failure.SourceHash, cancellationToken);
        return sizes.Count > 0 && await QueueAsync(failure.SourceHash, failure.ContentType, sizes, interactive: true, cancellationToken);
    }

    public void Requeue(Rendition rendition, string contentType)
    {
        ArgumentNullException.ThrowIfNull(rendition);
        Enqueue(rendition.SourceHash, contentType, rendition.Page, [rendition.Size], interactive: true);
    }

    private void Enqueue(string sourceHash, string contentType, int page, int[] sizes, bool interactive)
    {
        if (page != 1)
        {
            // Pages past the first are made only when someone asks for them, so they are always awaited.
            jobs.Enqueue<RenditionJob>(j => j.RunPageInteractiveAsync(sourceHash, contentType, page, sizes, CancellationToken.None));
        }
        else if (interactive)
        {
            jobs.Enqueue<RenditionJob>(j => j.RunInteractiveAsync(sourceHash, contentType, sizes, CancellationToken.None));
        }
        else
        {
            jobs.Enqueue<RenditionJob>(j => j.RunInBackgroundAsync(sourceHash, contentType, sizes, CancellationToken.None));
        }
    }
}
