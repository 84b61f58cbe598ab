using System.Text;
using Microsoft.EntityFrameworkCore;
using Strata.Domain.Previews;
using Strata.Domain.Tags;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Search.Index;

/// <summary>
/// Reads items from the database as <see cref="SearchDocument"/>s, a batch at a time in a fixed number of queries
/// (nodes, tags, comments, text renditions) whatever the batch's size. Personal tags are never read: nobody but
/// their owner may find an item by one, and a per-user term in a shared index is a leak waiting to happen.
/// </summary>
public sealed class SearchDocumentReader(IDbContextFactory<StrataDbContext> dbFactory, BlobService blobs, TextExtraction text)
{
    /// <summary>A page of live items at or below <paramref name="pathKey"/> with ids after <paramref name="afterId"/>; all items when the key is null.</summary>
    public async Task<Batch> ReadSubtreeAsync(string? pathKey, long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var below = pathKey + "/";
        var nodes = await db.Nodes.AsNoTracking()
            .Where(n => n.TrashedAt == null && n.Id > afterId)
            .Where(n => pathKey == null || n.PathKey == pathKey || n.PathKey.StartsWith(below))
            .OrderBy(n => n.Id)
            .Take(limit)
            .Select(n => new NodeRow(n.Id, n.Path, n.PathKey, n.Name, n.SortKey, n.IsFolder, n.Size, n.ModifiedAt, n.CreatedBy, n.ModifiedBy, n.ContentType, n.ContentHash))
            .ToListAsync(cancellationToken);
        return await CompleteAsync(db, nodes, nodes.Select(n => n.Id).ToHashSet(), cancellationToken);
    }

    /// <summary>The live items among <paramref name="ids"/>; the rest (trashed, purged) are in <see cref="Batch.Missing"/>.</summary>
    public async Task<Batch> ReadAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nodes = await db.Nodes.AsNoTracking()
            .Where(n => n.TrashedAt == null && ids.Contains(n.Id))
            .Select(n => new NodeRow(n.Id, n.Path, n.PathKey, n.Name, n.SortKey, n.IsFolder, n.Size, n.ModifiedAt, n.CreatedBy, n.ModifiedBy, n.ContentType, n.ContentHash))
            .ToListAsync(cancellationToken);
        return await CompleteAsync(db, nodes, ids, cancellationToken);
    }

    /// <summary>The items carrying any of the tags, whose documents hold the tags' names.</summary>
    public async Task<IReadOnlyList<long>> TaggedAsync(IReadOnlyCollection<long> tagIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TagAssignments.Where(a => tagIds.Contains(a.TagId)).Select(a => a.NodeId).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>How many live items lie at or below <paramref name="pathKey"/> (all when null), for a rebuild's progress.</summary>
    public async Task<long> CountAsync(string? pathKey, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var below = pathKey + "/";
        return await db.Nodes.Where(n => n.TrashedAt == null)
            .Where(n => pathKey == null || n.PathKey == pathKey || n.PathKey.StartsWith(below))
            .LongCountAsync(cancellationToken);
    }

    /// <summary>The text state of contents: ready ones with their text blob, and those that will never have text.</summary>
    public async Task<TextStates> ReadTextStatesAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await TextStatesAsync(db, hashes, cancellationToken);
    }

    private async Task<Batch> CompleteAsync(StrataDbContext db, List<NodeRow> nodes, IReadOnlyCollection<long> asked, CancellationToken cancellationToken)
    {
        var ids = nodes.Select(n => n.Id).ToList();
        var tags = (await (
                from a in db.TagAssignments
                join t in db.Tags on a.TagId equals t.Id
                where ids.Contains(a.NodeId) && t.Scope != TagScope.Personal
                select new { a.NodeId, t.Name, t.NameKey })
            .ToListAsync(cancellationToken))
            .ToLookup(t => t.NodeId, t => (t.Name, t.NameKey));
        var comments = (await db.Comments.AsNoTracking()
                .Where(c => ids.Contains(c.NodeId) && c.DeletedAt == null)
                .OrderBy(c => c.Id)
                .Select(c => new { c.NodeId, c.Body })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.NodeId, c => c.Body);

        var extractable = nodes.Where(n => n.ContentHash is not null && text.CanExtract(n.ContentType)).Select(n => n.ContentHash!).ToHashSet(StringComparer.Ordinal);
        var states = await TextStatesAsync(db, extractable, cancellationToken);
        var contents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (hash, blob) in states.Ready)
        {
            contents[hash] = await ReadBlobTextAsync(blob, cancellationToken);
        }

        var documents = nodes.Select(n => new SearchDocument(
            n.Id, n.Path, n.PathKey, n.Name, n.SortKey, n.IsFolder, n.Size, n.ModifiedAt, n.CreatedBy, n.ModifiedBy, n.ContentType, n.ContentHash,
            [.. tags[n.Id]], [.. comments[n.Id]], n.ContentHash is null ? null : contents.GetValueOrDefault(n.ContentHash))).ToList();
        var pending = extractable.Where(h => !states.Ready.ContainsKey(h) && !states.Final.Contains(h)).ToHashSet(StringComparer.Ordinal);
        var found = ids.ToHashSet();
        return new Batch(documents, asked.Where(id => !found.Contains(id)).ToList(), pending);
    }

    private static async Task<TextStates> TextStatesAsync(StrataDbContext db, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        var ready = new Dictionary<string, string>(StringComparer.Ordinal);
        var final = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Chunk(500))
        {
            var rows = await db.Renditions.AsNoTracking()
                .Where(r => r.Kind == RenditionKind.Text && chunk.Contains(r.SourceHash))
                .Select(r => new { r.SourceHash, r.Status, r.BlobHash })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                if (row is { Status: RenditionStatus.Ready, BlobHash: { } blob })
                {
                    ready[row.SourceHash] = blob;
                }
                else if (row.Status is RenditionStatus.Failed or RenditionStatus.Skipped)
                {
                    final.Add(row.SourceHash);
                }
            }
        }

        return new TextStates(ready, final);
    }

    private async Task<string> ReadBlobTextAsync(string blobHash, CancellationToken cancellationToken)
    {
        // Extraction caps the text it stores (SearchOptions.MaxCharacters), so the blob is bounded.
        using var reader = new StreamReader(await blobs.Store.OpenReadAsync(blobHash, cancellationToken), Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private sealed record NodeRow(
        long Id, string Path, string PathKey, string Name, string SortKey, bool IsFolder, long Size, DateTimeOffset ModifiedAt,
        string? CreatedBy, string? ModifiedBy, string? ContentType, string? ContentHash);
}

/// <summary>
/// Documents to write, ids asked for that are no longer live (to delete), and the contents among them whose text is
/// not extracted yet (to look at again).
/// </summary>
public sealed record Batch(IReadOnlyList<SearchDocument> Documents, IReadOnlyList<long> Missing, IReadOnlySet<string> PendingText);

/// <summary>Contents whose text is ready (with its blob) and those that will never have any (skipped, failed for good).</summary>
public sealed record TextStates(IReadOnlyDictionary<string, string> Ready, IReadOnlySet<string> Final);
