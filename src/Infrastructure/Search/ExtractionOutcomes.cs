using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Strata.Domain.Previews;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Search;

/// <summary>
/// What came of reading the text of each content, for administrators: the outcomes of one kind, newest first, each
/// with a file that holds the content, and a fresh start for a failure.
/// </summary>
public sealed class ExtractionOutcomes(IDbContextFactory<StrataDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// A page of contents whose text ended <paramref name="status"/>, newest claim first, from after
    /// <paramref name="before"/> (the previous page's <see cref="ExtractionOutcomePage.NextCursor"/>).
    /// </summary>
    public async Task<ExtractionOutcomePage> ListAsync(RenditionStatus status, long? before, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // No index serves this: it walks the renditions from the newest, which suits a page an administrator opens.
        var page = await db.Renditions.AsNoTracking()
            .Where(r => r.Kind == RenditionKind.Text && r.Status == status && (before == null || r.Id < before))
            .OrderByDescending(r => r.Id)
            .Take(limit + 1)
            .Select(r => new { r.Id, r.SourceHash, r.Status, r.FailureReason, r.Attempts, r.CreatedAt })
            .ToListAsync(cancellationToken);
        var shown = page.Take(limit).ToList();
        var holders = await HoldersAsync(db, shown.Select(r => r.SourceHash).ToList(), cancellationToken);
        var items = shown
            .Select(r =>
            {
                var holder = holders.GetValueOrDefault(r.SourceHash);
                return new ExtractionOutcome(r.SourceHash, holder?.Path, holder?.ContentType, holder?.Size, r.Status, r.FailureReason, r.Attempts, r.CreatedAt);
            })
            .ToList();
        return new ExtractionOutcomePage(items, page.Count > limit ? shown[^1].Id : null);
    }

    /// <summary>
    /// Claims the failed text of <paramref name="sourceHash"/> again from a fresh start and returns the type to read it
    /// as; null, changing nothing, when its text has not failed or no file holds the content any more.
    /// </summary>
    public async Task<string?> RetryAsync(string sourceHash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var text = await db.Renditions.FirstOrDefaultAsync(r => r.SourceHash == sourceHash && r.Kind == RenditionKind.Text, cancellationToken);
        if (text is not { Status: RenditionStatus.Failed }
            || (await HoldersAsync(db, [sourceHash], cancellationToken)).GetValueOrDefault(sourceHash)?.ContentType is not { } contentType
            || !text.Retry(clock.GetUtcNow()))
        {
            return null;
        }

        await db.SaveChangesAsync(cancellationToken);
        return contentType;
    }

    /// <summary>A file that holds each content, one not in the trash when there is one, so an administrator can find it.</summary>
    private static async Task<Dictionary<string, Holder>> HoldersAsync(StrataDbContext db, List<string> hashes, CancellationToken cancellationToken) =>
        (await (
                from version in db.FileVersions
                where hashes.Contains(version.ContentHash)
                join node in db.Nodes on version.NodeId equals node.Id
                select new { version.ContentHash, Holder = new Holder(node.Path, node.ContentType, version.Size), Trashed = node.TrashedAt != null })
            .ToListAsync(cancellationToken))
        .GroupBy(h => h.ContentHash)
        .ToDictionary(g => g.Key, g => g.OrderBy(h => h.Trashed).First().Holder);

    private sealed record Holder(string Path, string? ContentType, long Size);
}

/// <summary>What came of reading the text of one content.</summary>
/// <param name="SourceHash">The content's hash, which a retry names.</param>
/// <param name="Path">A file that holds the content; null once none does (its text is forgotten soon after).</param>
/// <param name="ContentType">That file's type, which its text was read as.</param>
/// <param name="Size">The content's size in bytes.</param>
/// <param name="Status">Failed, Skipped or Ready.</param>
/// <param name="Reason">Why it was skipped or failed (or why its last attempt did), in words an administrator can act on.</param>
/// <param name="Attempts">Attempts that ended in an unexpected error; a failure at its cap or a refusal counts none.</param>
/// <param name="QueuedAt">When it was queued, at the upload or at the last retry; it is read seconds later.</param>
public sealed record ExtractionOutcome(
    string SourceHash,
    string? Path,
    string? ContentType,
    long? Size,
    [property: JsonConverter(typeof(JsonStringEnumConverter<RenditionStatus>))] RenditionStatus Status,
    string? Reason,
    int Attempts,
    DateTimeOffset QueuedAt);

/// <summary>A page of outcomes; <see cref="NextCursor"/> asks for the next one (null: this is the last).</summary>
public sealed record ExtractionOutcomePage(IReadOnlyList<ExtractionOutcome> Items, long? NextCursor);
