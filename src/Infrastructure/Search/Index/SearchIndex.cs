using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Hosting;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Strata.Infrastructure.Search.Index;

/// <summary>
/// This host's Lucene index under <c>&lt;data&gt;/search-index</c>: one writer (the <see cref="SearchIndexer"/>'s),
/// near-real-time searchers refreshed at each publish or commit, and the <see cref="IndexState"/> committed with the
/// documents.
/// A damaged index (a file that fails its checksum, a commit that cannot be read) is moved aside to
/// <c>search-index.damaged</c> and started again empty, for the indexer to rebuild from the database.
/// </summary>
public sealed class SearchIndex(IOptions<StrataOptions> strata, SearchSignal signal, ILogger<SearchIndex> logger) : IDisposable
{
    private readonly System.Threading.Lock _gate = new();
    private readonly string _path = Path.Combine(strata.Value.FullDataPath, "search-index");
    private LuceneDirectory? _directory;
    private IndexWriter? _writer;
    private SearcherManager? _searchers;
    private volatile IndexState? _state;
    private volatile bool _damaged;
    private bool _disposed;

    /// <summary>The last published state (durable at the next commit); null until the indexer has opened the index.</summary>
    public IndexState? State => _state;

    /// <summary>Whether a search met a damaged index since the last reset; the indexer then starts again.</summary>
    public bool IsDamaged => _damaged;

    public string FolderPath => _path;

    /// <summary>
    /// Opens the index for writing and returns its committed state, or null when it had to start empty (there was
    /// none, or it was damaged and has been moved aside): the caller rebuilds it.
    /// </summary>
    public IndexState? Open()
    {
        lock (_gate)
        {
            // An indexer still finishing while its host stops must not open a writer nobody will close: its lock on
            // the folder would shut the next host on the same data (a restart) out of the index.
            ObjectDisposedException.ThrowIf(_disposed, this);
            CloseLocked();
            var state = TryReadHealthy();
            if (state is null)
            {
                MoveAside();
            }

            _directory = FSDirectory.Open(new DirectoryInfo(_path));
            var config = new IndexWriterConfig(SearchAnalyzers.Version, SearchAnalyzers.Documents) { OpenMode = OpenMode.CREATE_OR_APPEND };
            _writer = new IndexWriter(_directory, config);
            _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
            _state = state;
            _damaged = false;
            return state;
        }
    }

    /// <summary>Empties the index (moving the old one aside) for a full rebuild.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            CloseLocked();
            MoveAside();
        }

        Open();
    }

    public void Upsert(SearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Writer.UpdateDocument(new Term(SearchFields.Id, document.IdTerm), document.Build());
    }

    public void Delete(long id) => Writer.DeleteDocuments(new Term(SearchFields.Id, SearchDocument.IdOf(id)));

    /// <summary>Deletes the item at <paramref name="pathKey"/> and everything below it.</summary>
    public void DeleteSubtree(string pathKey) => Writer.DeleteDocuments(new Term(SearchFields.Scope, pathKey));

    /// <summary>Makes the changes durable together with <paramref name="state"/>, and visible to the next search.</summary>
    public void Commit(IndexState state)
    {
        Publish(state);
        Writer.Commit();
    }

    /// <summary>
    /// Makes what was written searchable at once, with <paramref name="state"/> as its cursor, without making it durable:
    /// the next <see cref="Commit"/> (or closing the index) does that. A crash before it loses nothing the journal
    /// cannot give again, since the cursor committed is the one the committed documents were written to.
    /// </summary>
    public void Publish(IndexState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Writer.SetCommitData(state.ToUserData());
        _state = state;
        _searchers!.MaybeRefreshBlocking();
    }

    /// <summary>Whether something was published since the last commit.</summary>
    public bool HasUncommitted => _writer?.HasUncommittedChanges() ?? false;

    /// <summary>Runs <paramref name="search"/> on the newest searcher; a damaged index is reported to the indexer and rethrown.</summary>
    public T Search<T>(Func<IndexSearcher, T> search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var searchers = _searchers ?? throw new InvalidOperationException("The search index is not open yet.");
        var searcher = searchers.Acquire();
        try
        {
            return search(searcher);
        }
        catch (Exception e) when (e is CorruptIndexException or EndOfStreamException or IndexFormatTooOldException or IndexFormatTooNewException)
        {
            ReportDamage(e);
            throw;
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    public bool IsOpen => _searchers is not null;

    /// <summary>Ids of the documents that match <paramref name="query"/>, for the indexer's own look-ups.</summary>
    public IReadOnlyList<long> IdsMatching(Query query) => Search(searcher =>
    {
        var ids = new List<long>();
        var top = searcher.Search(query, Math.Max(1, searcher.IndexReader.MaxDoc));
        foreach (var hit in top.ScoreDocs)
        {
            ids.Add(long.Parse(searcher.Doc(hit.Doc).Get(SearchFields.Id, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture));
        }

        return ids;
    });

    public int DocumentCount => _searchers is null ? 0 : Search(searcher => searcher.IndexReader.NumDocs);

    public void ReportDamage(Exception error)
    {
        if (!_damaged)
        {
            _damaged = true;
            logger.LogError(error, "The search index at {Path} is damaged; it is rebuilt from the database.", _path);
            signal.Notify();
        }
    }

    private IndexWriter Writer => _writer ?? throw new InvalidOperationException("The search index is not open yet.");

    /// <summary>The committed state when the index is there and every file passes its checksum; null otherwise.</summary>
    private IndexState? TryReadHealthy()
    {
        if (!System.IO.Directory.Exists(_path))
        {
            return null;
        }

        try
        {
            using var directory = FSDirectory.Open(new DirectoryInfo(_path));
            if (!DirectoryReader.IndexExists(directory))
            {
                return null;
            }

            using var reader = DirectoryReader.Open(directory);
            foreach (var leaf in reader.Leaves)
            {
                leaf.AtomicReader.CheckIntegrity();
            }

            return IndexState.FromUserData(reader.IndexCommit.UserData);
        }
        catch (Exception e) when (e is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or InvalidOperationException)
        {
            logger.LogError(e, "The search index at {Path} is damaged; it is moved aside and rebuilt from the database.", _path);
            return null;
        }
    }

    private void MoveAside()
    {
        if (!System.IO.Directory.Exists(_path))
        {
            return;
        }

        // One damaged copy is kept for a look at what went wrong; an older one is of no more use.
        var aside = _path + ".damaged";
        if (System.IO.Directory.Exists(aside))
        {
            System.IO.Directory.Delete(aside, recursive: true);
        }

        System.IO.Directory.Move(_path, aside);
    }

    private void CloseLocked()
    {
        _searchers?.Dispose();
        _searchers = null;
        try
        {
            _writer?.Dispose();
        }
        catch (Exception e) when (e is IOException or CorruptIndexException)
        {
            // Closing may fail: a damaged index (about to be moved aside anyway), or a writer missing a file of its own.
            logger.LogWarning(e, "Closing the search index failed; what it had not committed is followed again.");
            Abandon(_writer!, _directory!);
        }

        _writer = null;
        _directory?.Dispose();
        _directory = null;
    }

    /// <summary>
    /// Ends a writer whose close failed. Lucene then keeps its write lock and its merges running, and this process
    /// could never open the index again (a restarted host waited for the lock for good); a rollback ends both, and
    /// what was not committed is followed again from the committed cursor.
    /// </summary>
    private void Abandon(IndexWriter writer, LuceneDirectory directory)
    {
        try
        {
            writer.Rollback();
        }
        catch (Exception e) when (e is IOException or CorruptIndexException)
        {
            logger.LogWarning(e, "Rolling the search index writer back failed; its lock is released.");
        }
        finally
        {
            if (IndexWriter.IsLocked(directory))
            {
                IndexWriter.Unlock(directory);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            CloseLocked();
        }
    }
}
