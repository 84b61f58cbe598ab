using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Strata.Domain.Previews;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// Renditions by content hash: claims the sizes a content still lacks (one claim per hash and size, whoever commits
/// it first), renders what was claimed, records every outcome, and forgets the renditions of content no version
/// references. Who runs the rendering and when (jobs, queues, retries) is the caller's business.
/// </summary>
public sealed class RenditionService(
    IDbContextFactory<StrataDbContext> dbFactory,
    BlobService blobs,
    IEnumerable<IRenderer> renderers,
    TimeProvider clock,
    IOptions<PreviewOptions> options,
    ILogger<RenditionService> logger)
{
    /// <summary>Unexpected errors (not refusals) after which a rendition is given up: the first try and two retries.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Whether content of this type gets a picture at all.</summary>
    public bool HasRenderer(string? contentType) => RendererFor(contentType) is not null;

    /// <summary>Whether the job that pictures content of this type also reads its media facts (video and audio).</summary>
    public bool HasMediaInfo(string? contentType) => RendererFor(contentType) is VideoRenderer;

    /// <summary>Whether content of this type has pages pictured one by one; the others have page 1 only.</summary>
    public bool HasPages(string? contentType) => RendererFor(contentType) is { } renderer && renderer.RendersPages(contentType!);

    /// <summary>
    /// Records as pending each of <paramref name="sizes"/> that <paramref name="sourceHash"/> has no rendition of yet
    /// (ready, pending or failed) and returns those sizes: the caller renders them. Nothing is claimed for a type with
    /// no renderer, nor when another commit of the same content claims it at the same moment.
    /// </summary>
    public Task<IReadOnlyList<int>> ClaimAsync(string sourceHash, string? contentType, IReadOnlyList<int> sizes, CancellationToken cancellationToken) =>
        ClaimAsync(sourceHash, contentType, 1, sizes, cancellationToken);

    /// <summary>As <see cref="ClaimAsync(string, string?, IReadOnlyList{int}, CancellationToken)"/>, for one page of a paged source.</summary>
    public async Task<IReadOnlyList<int>> ClaimAsync(string sourceHash, string? contentType, int page, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (!HasRenderer(contentType) || (page != 1 && !HasPages(contentType)))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Renditions
            .Where(r => r.SourceHash == sourceHash && r.Kind == RenditionKind.Thumbnail && r.Page == page)
            .Select(r => r.Size)
            .ToListAsync(cancellationToken);
        var missing = sizes.Except(existing).ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        db.Renditions.AddRange(missing.Select(size => Rendition.Pending(sourceHash, RenditionKind.Thumbnail, size, now, page)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index let a simultaneous claim win, and its job renders; anything else is a real error.
            if (await AnyClaimedAsync(sourceHash, page, missing, cancellationToken))
            {
                return [];
            }

            throw;
        }

        return missing;
    }

    public Task<Rendition?> FindAsync(string sourceHash, int size, CancellationToken cancellationToken) =>
        FindAsync(sourceHash, 1, size, cancellationToken);

    public async Task<Rendition?> FindAsync(string sourceHash, int page, int size, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Renditions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.SourceHash == sourceHash && r.Kind == RenditionKind.Thumbnail && r.Page == page && r.Size == size, cancellationToken);
    }

    /// <summary>How many pages the content has, once any page of it has been rendered; null before, and for content without pages.</summary>
    public async Task<int?> PageCountAsync(string sourceHash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Renditions.Where(r => r.SourceHash == sourceHash && r.PageCount != null).MaxAsync(r => r.PageCount, cancellationToken);
    }

    /// <summary>
    /// The media facts of <paramref name="sourceHash"/> (video and audio), read by the job that makes its thumbnails:
    /// null until that job has run, and for content that has none.
    /// </summary>
    public async Task<Rendition?> FindInfoAsync(string sourceHash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Renditions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.SourceHash == sourceHash && r.Kind == RenditionKind.Info && r.Status == RenditionStatus.Ready, cancellationToken);
    }

    /// <summary>The media facts of <paramref name="sourceHash"/> read from their blob, or null while there are none.</summary>
    public async Task<MediaInfo?> ReadMediaInfoAsync(string sourceHash, CancellationToken cancellationToken)
    {
        if (await FindInfoAsync(sourceHash, cancellationToken) is not { BlobHash: { } blob })
        {
            return null;
        }

        await using var json = await blobs.Store.OpenReadAsync(blob, cancellationToken);
        return await MediaInfo.ReadAsync(json, cancellationToken);
    }

    /// <summary>The web-playable copy of <paramref name="sourceHash"/>, in whatever state, or null when none was asked for.</summary>
    public async Task<Rendition?> FindVideoAsync(string sourceHash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Renditions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.SourceHash == sourceHash && r.Kind == RenditionKind.Video, cancellationToken);
    }

    /// <summary>
    /// Records a web-playable copy of <paramref name="sourceHash"/> as pending unless one exists; returns whether this
    /// call claimed it (the caller then queues <see cref="TranscodeAsync"/>).
    /// </summary>
    public Task<bool> ClaimVideoAsync(string sourceHash, CancellationToken cancellationToken) =>
        ClaimOneAsync(sourceHash, RenditionKind.Video, RenditionSize.Video, cancellationToken);

    /// <summary>
    /// Records the one <paramref name="kind"/> rendition a content has (a video copy, its text) as pending unless it
    /// exists in any state; returns whether this call claimed it. Of two commits of the same content at the same
    /// moment, the unique index lets one win.
    /// </summary>
    public async Task<bool> ClaimOneAsync(string sourceHash, RenditionKind kind, int size, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Renditions.AnyAsync(r => r.SourceHash == sourceHash && r.Kind == kind, cancellationToken))
        {
            return false;
        }

        db.Renditions.Add(Rendition.Pending(sourceHash, kind, size, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await again.Renditions.AnyAsync(r => r.SourceHash == sourceHash && r.Kind == kind, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    /// <summary>
    /// Makes the pending web-playable copy of <paramref name="sourceHash"/> and records it ready or failed, as
    /// <c>RenderAsync</c> does for pictures: a refusal or its time cap fails it at once, an unexpected error
    /// counts an attempt and is thrown for the caller to retry, until <see cref="MaxAttempts"/>. A video that browsers
    /// play as it is (<paramref name="contentType"/> and its codecs) needs no copy: its claim is dropped.
    /// </summary>
    public async Task TranscodeAsync(string sourceHash, string contentType, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.Renditions
            .Where(r => r.SourceHash == sourceHash && r.Kind == RenditionKind.Video && r.Status == RenditionStatus.Pending)
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return;
        }

        var rendition = pending[0];
        try
        {
            var transcoder = renderers.OfType<VideoRenderer>().FirstOrDefault();
            await using var source = transcoder is null ? null : await LocalBlobFile.ObtainAsync(blobs.Store, sourceHash, cancellationToken);
            var refusal = transcoder is null
                ? "Video is not transcoded on this server (ffmpeg is not installed)."
                : source is null
                    ? "The content is no longer stored."
                    : await transcoder.TranscodeAsync(
                        new RenderSource(source.Open, source.Path) { ContentType = contentType },
                        async (web, info, token) =>
                        {
                            var (hash, _) = await blobs.StoreAsync(web, token);
                            rendition.Status = RenditionStatus.Ready;
                            rendition.BlobHash = hash;
                            rendition.Width = info.Width ?? 0;
                            rendition.Height = info.Height ?? 0;
                            rendition.FailureReason = null;
                        },
                        cancellationToken);
            if (refusal is not null)
            {
                Fail(pending, refusal);
            }
            else if (rendition.Status == RenditionStatus.Pending)
            {
                db.Renditions.Remove(rendition);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var final = rendition.FailAttempt($"Transcoding failed unexpectedly ({e.GetType().Name}); the server log has the details.", MaxAttempts);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning(e, "Transcoding {Hash} failed (attempt {Attempt}, final: {Final})", sourceHash, rendition.Attempts, final);
            if (!final)
            {
                throw;
            }

            return;
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Whether a pending rendition has waited so long that its job must have been lost.</summary>
    public bool IsStale(Rendition rendition)
    {
        ArgumentNullException.ThrowIfNull(rendition);
        return rendition.Status == RenditionStatus.Pending && clock.GetUtcNow() - rendition.CreatedAt > options.Value.PendingTimeout;
    }

    /// <summary>
    /// Renders the pending renditions of <paramref name="sourceHash"/> in <paramref name="sizes"/> and records them ready
    /// or failed; ones no longer pending are left alone, so running it twice renders once. A refusal, a timeout or a
    /// missing source fails them at once; an unexpected error counts an attempt and is thrown for the caller to retry,
    /// until <see cref="MaxAttempts"/> fails them for good.
    /// </summary>
    public Task RenderAsync(string sourceHash, string contentType, IReadOnlyList<int> sizes, CancellationToken cancellationToken) =>
        RenderAsync(sourceHash, contentType, 1, sizes, cancellationToken);

    /// <summary>As <see cref="RenderAsync(string, string, IReadOnlyList{int}, CancellationToken)"/>, for one page of a paged source.</summary>
    public async Task RenderAsync(string sourceHash, string contentType, int page, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.Renditions
            .Where(r => r.SourceHash == sourceHash && r.Kind == RenditionKind.Thumbnail && r.Page == page && sizes.Contains(r.Size) && r.Status == RenditionStatus.Pending)
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            var result = await RenderWithinLimitAsync(sourceHash, contentType, page, pending.Select(r => r.Size).ToList(), cancellationToken);
            pending.ForEach(r => r.PageCount = result.PageCount);
            if (result.Refusal is { } refusal)
            {
                Fail(pending, refusal);
            }
            else
            {
                await StoreAsync(pending, result.Images, cancellationToken);
            }

            if (result.Info is { } info)
            {
                await StoreInfoAsync(sourceHash, info, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var final = pending.Max(r => ++r.Attempts) >= MaxAttempts;
            // Whoever may read the file reads this reason: the exception's own words (paths, internals) go to the log only.
            var reason = $"Rendering failed unexpectedly ({e.GetType().Name}); the server log has the details.";
            pending.ForEach(r => r.FailureReason = reason);
            if (final)
            {
                Fail(pending, reason);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning(e, "Rendition of {Hash} failed (attempt {Attempt}, final: {Final})", sourceHash, pending[0].Attempts, final);
            if (!final)
            {
                throw;
            }

            return;
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// The contents whose thumbnails failed, most recent failure first, each with a file that holds it (preferring
    /// one not in the trash) so an administrator can find it; only <paramref name="sourceHash"/>'s when given.
    /// </summary>
    public async Task<IReadOnlyList<RenditionFailure>> ListFailuresAsync(string? sourceHash, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var failed = await db.Renditions.AsNoTracking()
            .Where(r => r.Status == RenditionStatus.Failed && r.Kind == RenditionKind.Thumbnail && r.Page == 1)
            .Where(r => sourceHash == null || r.SourceHash == sourceHash)
            .OrderByDescending(r => r.Id)
            .Take(limit * RenditionSize.All.Count)
            .Select(r => new { r.SourceHash, r.Size, r.FailureReason, r.Attempts, r.CreatedAt })
            .ToListAsync(cancellationToken);
        var byContent = failed.GroupBy(r => r.SourceHash).Take(limit).ToList();
        var hashes = byContent.Select(g => g.Key).ToList();
        var holders = (await (
                from version in db.FileVersions
                where hashes.Contains(version.ContentHash)
                join node in db.Nodes on version.NodeId equals node.Id
                select new { version.ContentHash, node.Path, node.ContentType, Trashed = node.TrashedAt != null })
            .ToListAsync(cancellationToken))
            .GroupBy(h => h.ContentHash)
            .ToDictionary(g => g.Key, g => g.OrderBy(h => h.Trashed).First());
        return byContent
            .Where(g => holders.ContainsKey(g.Key))
            .Select(g =>
            {
                var holder = holders[g.Key];
                var newest = g.First();
                return new RenditionFailure(
                    g.Key, holder.Path, holder.ContentType, [.. g.Select(r => r.Size).Order()], newest.FailureReason ?? "", newest.Attempts, newest.CreatedAt);
            })
            .ToList();
    }

    /// <summary>
    /// Forgets the failed thumbnails of <paramref name="sourceHash"/>, so they can be claimed and rendered again, and
    /// returns their sizes (none when nothing had failed).
    /// </summary>
    public async Task<IReadOnlyList<int>> ForgetFailuresAsync(string sourceHash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var failed = db.Renditions.Where(r => r.SourceHash == sourceHash && r.Kind == RenditionKind.Thumbnail && r.Page == 1 && r.Status == RenditionStatus.Failed);
        var sizes = await failed.Select(r => r.Size).ToListAsync(cancellationToken);
        await failed.ExecuteDeleteAsync(cancellationToken);
        return sizes;
    }

    /// <summary>
    /// Deletes the renditions of content that no version references any more, and returns how many. Their blobs are
    /// then unreferenced, and the blob GC removes them as it removes any other.
    /// </summary>
    public async Task<int> DeleteOrphanedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Renditions
            .Where(r => !db.FileVersions.Any(v => v.ContentHash == r.SourceHash))
            .ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<RenderResult> RenderWithinLimitAsync(string sourceHash, string contentType, int page, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        if (RendererFor(contentType) is not { } renderer)
        {
            return RenderResult.Refused($"No preview is made for {contentType}.");
        }

        await using var local = await LocalBlobFile.ObtainAsync(blobs.Store, sourceHash, cancellationToken);
        if (local is null)
        {
            return RenderResult.Refused("The content is no longer stored.");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.JobTimeout);
        try
        {
            var source = new RenderSource(local.Open, local.Path) { Page = page, ContentType = contentType };
            return await renderer.RenderAsync(source, sizes, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RenderResult.Refused($"Rendering took longer than {options.Value.JobTimeout}.");
        }
    }

    private async Task StoreAsync(List<Rendition> pending, IReadOnlyList<RenderedImage> images, CancellationToken cancellationToken)
    {
        foreach (var rendition in pending)
        {
            var image = images.Single(i => i.Size == rendition.Size);
            using var content = new MemoryStream(image.Webp, writable: false);
            var (hash, _) = await blobs.StoreAsync(content, cancellationToken);
            rendition.Status = RenditionStatus.Ready;
            rendition.BlobHash = hash;
            rendition.Width = image.Width;
            rendition.Height = image.Height;
            rendition.FailureReason = null;
        }
    }

    /// <summary>
    /// Keeps the facts as a JSON blob in an <see cref="RenditionKind.Info"/> rendition, once per content: the job of
    /// another size of the same content may have kept them already, even at the same moment (the unique index decides).
    /// </summary>
    private async Task StoreInfoAsync(string sourceHash, MediaInfo info, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Renditions.AnyAsync(r => r.SourceHash == sourceHash && r.Kind == RenditionKind.Info, cancellationToken))
        {
            return;
        }

        using var content = new MemoryStream(info.ToJson(), writable: false);
        var (hash, _) = await blobs.StoreAsync(content, cancellationToken);
        var rendition = Rendition.Pending(sourceHash, RenditionKind.Info, 0, clock.GetUtcNow());
        rendition.Status = RenditionStatus.Ready;
        rendition.BlobHash = hash;
        rendition.Width = info.Width ?? 0;
        rendition.Height = info.Height ?? 0;
        db.Renditions.Add(rendition);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException)
        {
            // Kept by the other job (its blob holds the same bytes); anything else is a real error.
            await using var again = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            if (!await again.Renditions.AnyAsync(r => r.SourceHash == sourceHash && r.Kind == RenditionKind.Info, CancellationToken.None))
            {
                throw;
            }
        }
    }

    private static void Fail(List<Rendition> pending, string reason) => pending.ForEach(r => r.Fail(reason));

    private IRenderer? RendererFor(string? contentType) =>
        contentType is null ? null : renderers.FirstOrDefault(r => r.Accepts(contentType));

    private async Task<bool> AnyClaimedAsync(string sourceHash, int page, List<int> sizes, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Renditions.AnyAsync(r => r.SourceHash == sourceHash && r.Kind == RenditionKind.Thumbnail && r.Page == page && sizes.Contains(r.Size), cancellationToken);
    }
}

/// <summary>A content whose thumbnails failed: a file that holds it, the sizes that failed, and why.</summary>
public sealed record RenditionFailure(
    string SourceHash, string Path, string? ContentType, IReadOnlyList<int> Sizes, string Reason, int Attempts, DateTimeOffset FailedAt);
