using System.Text.Json;
using Lucene.Net.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Journal;

namespace Strata.Infrastructure.Search.Index;

/// <summary>
/// Keeps this host's index in step with the database: follows the journal from the cursor committed with the index
/// (so a crash resumes where the last commit was, never from zero), re-reads the items each batch of events names and
/// writes or deletes their documents, adds text once its extraction is ready (extraction writes no journal event, so
/// the contents indexed without text are remembered in the commit and looked at each round), and rebuilds from the
/// database, resumably, when the index is missing or damaged or an administrator asks. It works when woken by a
/// change this process commits (<see cref="SearchWriteWatcher"/>) and otherwise polls slowly for other hosts' changes.
/// See docs/decisions/0020-search-index-follows-journal.md.
/// </summary>
public sealed class SearchIndexer(
    SearchIndex index,
    SearchDocumentReader reader,
    JournalReader journal,
    SearchSignal signal,
    ILogger<SearchIndexer> logger) : BackgroundService
{
    internal const int BatchSize = 500;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often, at most, following the journal makes the index durable. A Lucene commit writes and syncs every new
    /// file; committed per burst of small uploads it cost more CPU than the uploads' own commits (bench/README.md,
    /// "Small files"). In between, changes are published: searchable at once, durable at the next commit.
    /// </summary>
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a wake waits for the rest of its burst (a folder upload, a sync client's run): followed one request at
    /// a time, every few files became a Lucene segment to flush, open for searching and later merge.
    /// </summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(250);

    /// <summary>Events that change what an item's document holds; the others (links, locks, tasks, stars) do not.</summary>
    private static readonly HashSet<string> Relevant =
    [
        nameof(JournalEventType.FolderCreated), nameof(JournalEventType.FileCreated), nameof(JournalEventType.FileUpdated),
        nameof(JournalEventType.Renamed), nameof(JournalEventType.Moved), nameof(JournalEventType.Copied),
        nameof(JournalEventType.Trashed), nameof(JournalEventType.Restored), nameof(JournalEventType.Purged),
        nameof(JournalEventType.VersionRestored), nameof(JournalEventType.Touched),
        nameof(JournalEventType.CommentAdded), nameof(JournalEventType.CommentEdited), nameof(JournalEventType.CommentDeleted),
        nameof(JournalEventType.TagAdded), nameof(JournalEventType.TagRemoved),
    ];

    /// <summary>Events that carry a whole folder's sub-tree with them.</summary>
    private static readonly HashSet<string> SubtreeChanges =
    [
        nameof(JournalEventType.Renamed), nameof(JournalEventType.Moved), nameof(JournalEventType.Copied),
        nameof(JournalEventType.Trashed), nameof(JournalEventType.Restored), nameof(JournalEventType.Purged),
    ];

    private readonly Lock _requests = new();
    private RebuildRequest? _requested;
    private long _committedAt = Environment.TickCount64;

    /// <summary>Asks for a rebuild of everything (<paramref name="folder"/> null) or of one folder's sub-tree; it runs in the background.</summary>
    public void RequestRebuild(NodePath? folder)
    {
        lock (_requests)
        {
            _requested = new RebuildRequest(folder?.Key);
        }

        signal.Notify();
    }

    public async Task<SearchIndexStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var head = await journal.LatestSequenceAsync(cancellationToken);
        var state = index.State;
        var rebuild = state?.Rebuild;
        return new SearchIndexStatus(
            index.IsOpen ? index.DocumentCount : 0,
            state?.Cursor ?? 0,
            head,
            Math.Max(0, head - (state?.Cursor ?? 0)),
            state is null || rebuild is not null,
            rebuild is null ? null : new SearchRebuildStatus(rebuild.ScopeKey, rebuild.Done, rebuild.Total),
            state?.PendingText.Count ?? 0);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Opening checks every file of the index: off the start-up path.
        await Task.Yield();
        var state = await OpenAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (index.IsDamaged)
                {
                    index.Reset();
                    state = await StartRebuildAsync(null, Follow(IndexState.Empty, await journal.LatestSequenceAsync(stoppingToken)), stoppingToken);
                }

                state = await TakeRequestAsync(state, stoppingToken);
                var (followed, caughtUp) = await FollowJournalAsync(state, stoppingToken);
                state = await AddReadyTextAsync(followed, stoppingToken);
                state = await RebuildStepAsync(state, stoppingToken);
                if (caughtUp && state.Rebuild is null)
                {
                    // What is only published is committed when writes pause (the follow after this wait finds nothing).
                    await signal.WaitAsync(index.HasUncommitted ? CommitInterval : Poll, stoppingToken);
                    await Task.Delay(Gather, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Indexing for search failed; trying again.");
                state = index.State ?? state;
                await signal.WaitAsync(Poll, stoppingToken);
            }
        }
    }

    private async Task<IndexState> OpenAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                if (index.Open() is { } state)
                {
                    return state;
                }

                logger.LogInformation("The search index is missing or was damaged; rebuilding it from the database.");
                return await StartRebuildAsync(null, Follow(IndexState.Empty, await journal.LatestSequenceAsync(cancellationToken)), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Opening the search index failed; trying again.");
                await signal.WaitAsync(Poll, cancellationToken);
            }
        }
    }

    private static IndexState Follow(IndexState state, long cursor) => state with { Cursor = cursor };

    private async Task<IndexState> TakeRequestAsync(IndexState state, CancellationToken cancellationToken)
    {
        RebuildRequest? request;
        lock (_requests)
        {
            (request, _requested) = (_requested, null);
        }

        if (request is null)
        {
            return state;
        }

        if (request.ScopeKey is null)
        {
            // Everything: the old index may hold anything, so it goes; the journal is followed from its head meanwhile.
            var head = await journal.LatestSequenceAsync(cancellationToken);
            index.Reset();
            return await StartRebuildAsync(null, IndexState.Empty with { Cursor = head }, cancellationToken);
        }

        index.DeleteSubtree(request.ScopeKey);
        return await StartRebuildAsync(request.ScopeKey, state, cancellationToken);
    }

    private async Task<IndexState> StartRebuildAsync(string? scopeKey, IndexState state, CancellationToken cancellationToken)
    {
        var total = await reader.CountAsync(scopeKey, cancellationToken);
        var started = state with { Rebuild = new RebuildProgress(scopeKey, 0, 0, total) };
        index.Commit(started);
        return started;
    }

    /// <summary>One page of the rebuild under way, committed with its position.</summary>
    private async Task<IndexState> RebuildStepAsync(IndexState state, CancellationToken cancellationToken)
    {
        if (state.Rebuild is not { } rebuild)
        {
            return state;
        }

        var batch = await reader.ReadSubtreeAsync(rebuild.ScopeKey, rebuild.AfterId, BatchSize, cancellationToken);
        Write(batch);
        var next = batch.Documents.Count < BatchSize
            ? null
            : rebuild with { AfterId = batch.Documents[^1].Id, Done = rebuild.Done + batch.Documents.Count };
        var updated = state with { Rebuild = next, PendingText = Union(state.PendingText, batch.PendingText) };
        index.Commit(updated);
        if (next is null)
        {
            logger.LogInformation("The search index is rebuilt ({Scope}).", rebuild.ScopeKey ?? "everything");
        }

        return updated;
    }

    /// <summary>Applies the journal's next batches; true as the second value once nothing newer is left.</summary>
    private async Task<(IndexState State, bool CaughtUp)> FollowJournalAsync(IndexState state, CancellationToken cancellationToken)
    {
        var entries = await journal.ReadUnfilteredAsync(state.Cursor, long.MaxValue, BatchSize, cancellationToken);
        if (entries.Count == 0)
        {
            if (index.HasUncommitted)
            {
                Save(state, commit: true);
            }

            return (state, true);
        }

        var ids = new HashSet<long>();
        var subtrees = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries.Select(e => e.Event).Where(e => Relevant.Contains(e.Type)))
        {
            if (entry.NodeId is { } id)
            {
                ids.Add(id);
            }

            if (entry.IsFolder && SubtreeChanges.Contains(entry.Type))
            {
                // Wherever the folder was and is: its old place, the event's, and where it is now.
                subtrees.Add(entry.PathKey);
                if (entry.OldPath is not null)
                {
                    subtrees.Add(NodeName.Fold(entry.OldPath));
                }
            }
        }

        foreach (var entry in entries.Where(e => e.Event.IsFolder && SubtreeChanges.Contains(e.Event.Type) && e.Node is not null))
        {
            subtrees.Add(NodeName.Fold(entry.Node!.Path));
        }

        // A tag renamed or merged by an administrator changes the documents of every item that carries it.
        var tags = entries.Select(e => e.Event).Where(e => e.IsAdministration).SelectMany(TagIdsOf).ToList();
        if (tags.Count > 0)
        {
            ids.UnionWith(await reader.TaggedAsync(tags, cancellationToken));
        }

        var pending = new HashSet<string>(state.PendingText, StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(BatchSize))
        {
            var batch = await reader.ReadAsync(chunk, cancellationToken);
            Write(batch);
            pending.UnionWith(batch.PendingText);
        }

        foreach (var key in subtrees)
        {
            pending.UnionWith(await ReindexSubtreeAsync(key, cancellationToken));
        }

        var followed = state with { Cursor = entries[^1].Event.Sequence, PendingText = pending };
        Save(followed, commit: Environment.TickCount64 - _committedAt >= CommitInterval.TotalMilliseconds);
        return (followed, entries.Count < BatchSize);
    }

    private void Save(IndexState state, bool commit)
    {
        if (commit)
        {
            index.Commit(state);
            _committedAt = Environment.TickCount64;
        }
        else
        {
            index.Publish(state);
        }
    }

    /// <summary>Drops every document at or below <paramref name="pathKey"/> and writes what the database holds there now.</summary>
    private async Task<HashSet<string>> ReindexSubtreeAsync(string pathKey, CancellationToken cancellationToken)
    {
        index.DeleteSubtree(pathKey);
        var pending = new HashSet<string>(StringComparer.Ordinal);
        Batch batch;
        var after = 0L;
        do
        {
            batch = await reader.ReadSubtreeAsync(pathKey, after, BatchSize, cancellationToken);
            Write(batch);
            pending.UnionWith(batch.PendingText);
            after = batch.Documents.Count > 0 ? batch.Documents[^1].Id : after;
        }
        while (batch.Documents.Count == BatchSize);
        return pending;
    }

    /// <summary>Re-indexes the items whose content's text has become ready, and forgets contents that will never have any.</summary>
    private async Task<IndexState> AddReadyTextAsync(IndexState state, CancellationToken cancellationToken)
    {
        if (state.PendingText.Count == 0)
        {
            return state;
        }

        var states = await reader.ReadTextStatesAsync(state.PendingText, cancellationToken);
        if (states.Ready.Count == 0 && states.Final.Count == 0)
        {
            return state;
        }

        var pending = new HashSet<string>(state.PendingText, StringComparer.Ordinal);
        pending.ExceptWith(states.Final);
        pending.ExceptWith(states.Ready.Keys);
        foreach (var chunk in states.Ready.Keys.Chunk(BatchSize))
        {
            var ids = index.IdsMatching(new ConstantScoreQuery(SearchFilters.AnyOf(SearchFields.ContentHash, chunk)));
            foreach (var idChunk in ids.Chunk(BatchSize))
            {
                var batch = await reader.ReadAsync(idChunk, cancellationToken);
                Write(batch);
                pending.UnionWith(batch.PendingText);
            }
        }

        var updated = state with { PendingText = pending };
        index.Commit(updated);
        return updated;
    }

    private void Write(Batch batch)
    {
        foreach (var document in batch.Documents)
        {
            if (IsSystemFolder(document.PathKey))
            {
                continue;
            }

            index.Upsert(document);
        }

        foreach (var id in batch.Missing)
        {
            index.Delete(id);
        }
    }

    private static IEnumerable<long> TagIdsOf(JournalEvent tagEvent)
    {
        var details = tagEvent.Details is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(tagEvent.Details);
        foreach (var key in new[] { "tagId", "mergedTagId" })
        {
            if (details?.GetValueOrDefault(key) is { } id && long.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var tagId))
            {
                yield return tagId;
            }
        }
    }

    /// <summary><c>/Shared</c>, <c>/Private</c> and <c>/Private/&lt;user&gt;</c>: containers, not things anyone searches for.</summary>
    private static bool IsSystemFolder(string pathKey) =>
        NodePath.TryParse(pathKey, out var path, out _) && (path.IsRoot || path.IsSystemFolder);

    private static HashSet<string> Union(IReadOnlySet<string> first, IReadOnlySet<string> second)
    {
        var union = new HashSet<string>(first, StringComparer.Ordinal);
        union.UnionWith(second);
        return union;
    }

    private sealed record RebuildRequest(string? ScopeKey);
}

/// <summary>Where this host's index stands: documents, the journal cursor against the head, and a rebuild under way.</summary>
public sealed record SearchIndexStatus(
    int Documents, long Cursor, long JournalHead, long Lag, bool Rebuilding, SearchRebuildStatus? Rebuild, int PendingText);

/// <summary>A rebuild under way: of everything (<see cref="Folder"/> null) or of one folder's sub-tree.</summary>
public sealed record SearchRebuildStatus(string? Folder, long Done, long Total);
