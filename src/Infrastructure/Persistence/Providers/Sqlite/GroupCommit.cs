namespace Strata.Infrastructure.Persistence.Providers.Sqlite;

/// <summary>
/// Makes commits durable in groups. SQLite runs with synchronous=NORMAL, so a commit only appends to the
/// write-ahead log; every writer then waits here until one fsync of that log covers its commit. Writers
/// that arrive while an fsync runs share the next one, so under load many commits cost one fsync and the
/// database's single write lock is never held across a disk flush.
/// </summary>
public sealed class GroupCommit(Action flush) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _requested;
    private long _flushed;

    /// <summary>Flushes the log of the SQLite database at <paramref name="databasePath"/>, if it has one.</summary>
    public static GroupCommit ForDatabase(string databasePath) => new(() => FlushLog(databasePath + "-wal"));

    /// <summary>Returns once everything committed before the call is on disk.</summary>
    public async Task WaitDurableAsync()
    {
        var ticket = Interlocked.Increment(ref _requested);
        await _gate.WaitAsync();
        try
        {
            FlushCovering(ticket);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc cref="WaitDurableAsync"/>
    public void WaitDurable()
    {
        var ticket = Interlocked.Increment(ref _requested);
        _gate.Wait();
        try
        {
            FlushCovering(ticket);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private void FlushCovering(long ticket)
    {
        // A flush that began after this ticket was drawn already covered the caller's commit.
        if (Volatile.Read(ref _flushed) >= ticket)
        {
            return;
        }

        var upTo = Volatile.Read(ref _requested);
        flush();
        Volatile.Write(ref _flushed, upTo);
    }

    private static void FlushLog(string walPath)
    {
        // Opened afresh each time: SQLite deletes and recreates the log when the last connection closes
        // (after checkpointing it into the database and syncing that), so a kept handle could go stale.
        FileStream log;
        try
        {
            log = new FileStream(walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1);
        }
        catch (FileNotFoundException)
        {
            return;
        }

        using (log)
        {
            log.Flush(flushToDisk: true);
        }
    }
}
