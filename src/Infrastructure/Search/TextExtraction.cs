using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Strata.Domain.Previews;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Previews;

namespace Strata.Infrastructure.Search;

/// <summary>
/// The text of documents for search, as a <see cref="RenditionKind.Text"/> rendition: claimed once per content hash,
/// read within the caps of <see cref="SearchOptions"/>, kept as a UTF-8 blob, and forgotten with the content (the
/// rendition GC). Every outcome is recorded: extracted, skipped with the reason (too large, encrypted, no text), or
/// failed with the reason (at once for the time cap and hostile content); only unexpected errors are tried again,
/// <see cref="RenditionService.MaxAttempts"/> times in all. Who runs it and when (jobs, queues) is the caller's business.
/// </summary>
public sealed class TextExtraction(
    IDbContextFactory<StrataDbContext> dbFactory,
    BlobService blobs,
    RenditionService renditions,
    IEnumerable<ITextExtractor> extractors,
    IOptions<SearchOptions> options,
    ILogger<TextExtraction> logger)
{
    /// <summary>Whether content of this type has text Strata reads.</summary>
    public bool CanExtract(string? contentType) => ExtractorFor(contentType) is not null;

    /// <summary>Claims the text of the content unless it has been claimed before; true when the caller must extract it.</summary>
    public async Task<bool> ClaimAsync(string sourceHash, string? contentType, CancellationToken cancellationToken) =>
        CanExtract(contentType) && await renditions.ClaimOneAsync(sourceHash, RenditionKind.Text, 0, cancellationToken);

    /// <summary>
    /// Reads the text of pending content and records the outcome; content not pending is left alone, so running it
    /// twice reads once. An unexpected error counts an attempt and is thrown for the caller to retry, until the last.
    /// </summary>
    public async Task ExtractAsync(string sourceHash, string contentType, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rendition = await db.Renditions.FirstOrDefaultAsync(
            r => r.SourceHash == sourceHash && r.Kind == RenditionKind.Text && r.Status == RenditionStatus.Pending, cancellationToken);
        if (rendition is null)
        {
            return;
        }

        try
        {
            await ReadIntoAsync(rendition, contentType, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var final = rendition.FailAttempt($"Reading the text failed ({e.GetType().Name}); the server log has the details.", RenditionService.MaxAttempts);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning(e, "Text extraction of {Hash} failed (attempt {Attempt}, final: {Final})", sourceHash, rendition.Attempts, final);
            if (!final)
            {
                throw;
            }

            return;
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The extracted text of the content, or null when there is none (not extracted yet, skipped, failed).</summary>
    public async Task<string?> ReadTextAsync(string sourceHash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var blob = await db.Renditions
            .Where(r => r.SourceHash == sourceHash && r.Kind == RenditionKind.Text && r.Status == RenditionStatus.Ready)
            .Select(r => r.BlobHash)
            .FirstOrDefaultAsync(cancellationToken);
        if (blob is null)
        {
            return null;
        }

        using var reader = new StreamReader(await blobs.Store.OpenReadAsync(blob, cancellationToken), Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private async Task ReadIntoAsync(Rendition rendition, string contentType, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (ExtractorFor(contentType) is not { } extractor)
        {
            rendition.Skip($"Strata reads no text from {contentType}.");
            return;
        }

        await using var stored = await OpenOrNullAsync(rendition.SourceHash, cancellationToken);
        if (stored is null)
        {
            rendition.Skip("The content is no longer stored.");
            return;
        }

        if (stored.Length > settings.MaxExtractBytes)
        {
            rendition.Skip($"Larger than {settings.MaxExtractBytes / (1024 * 1024)} MB, the most whose text is read.");
            return;
        }

        // The parsers read synchronously, which a stream from an object store refuses.
        await using var local = await LocalBlobFile.FromOpenedAsync(blobs.Store, rendition.SourceHash, stored, cancellationToken);
        await using var content = local.Open();

        var sink = new TextSink(settings.MaxCharacters);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(settings.ExtractionTimeout);
        try
        {
            // The parsers are synchronous CPU work that checks the token between pages and parts; a thread of its own
            // lets the time cap end the wait even inside one long page.
            await Task.Run(() => extractor.ExtractAsync(content, contentType, sink, limit.Token), limit.Token).WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            rendition.Fail($"Reading the text took longer than {settings.ExtractionTimeout.TotalSeconds:0} s.");
            return;
        }
        catch (ExtractionSkippedException skipped)
        {
            rendition.Skip(skipped.Message);
            return;
        }
        catch (ExtractionRefusedException refused)
        {
            rendition.Fail(refused.Message);
            return;
        }

        var text = sink.ToString();
        if (text.Length == 0)
        {
            rendition.Skip("The document has no text (a scan or a picture?).");
            return;
        }

        using var utf8 = new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);
        var (hash, _) = await blobs.StoreAsync(utf8, cancellationToken);
        rendition.Complete(hash);
    }

    private async Task<Stream?> OpenOrNullAsync(string hash, CancellationToken cancellationToken)
    {
        try
        {
            return await blobs.Store.OpenReadAsync(hash, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private ITextExtractor? ExtractorFor(string? contentType) =>
        contentType is null ? null : extractors.FirstOrDefault(e => e.Accepts(contentType));
}
