using System.Data.Common;

namespace Strata.Infrastructure.Persistence.Providers.Sqlite;

/// <summary>
/// Lines up this process's writers to one SQLite database before they take its write lock, and lets the next
/// one in the moment the lock is free. Without it, concurrent writers met the lock inside SQLite, whose busy
/// handler polls it with sleeps of 1, 2, 5, 10… ms, holding a thread each. Writers from another process still
/// meet SQLite's busy handler.
/// </summary>
/// <remarks>
/// A turn belongs to a connection. <see cref="TurnTakingConnection"/> takes one for each transaction and gives it
/// back however the transaction ends; <see cref="WriteInterceptor"/> takes one for a write outside a transaction.
/// </remarks>
public sealed class WriterTurns : IDisposable
{
    // As long as SQLite's busy_timeout: past it, a writer goes on to SQLite, which waits no longer either.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _turn = new(1, 1);
    private DbConnection? _holder;

    /// <summary>Waits until no other connection of this process is writing; a connection that holds the turn already keeps it.</summary>
    public async Task EnterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (_holder != connection && await _turn.WaitAsync(Patience, cancellationToken))
        {
            _holder = connection;
        }
    }

    /// <inheritdoc cref="EnterAsync"/>
    public void Enter(DbConnection connection)
    {
        if (_holder != connection && _turn.Wait(Patience))
        {
            _holder = connection;
        }
    }

    /// <summary>Ends the connection's turn, if it holds it.</summary>
    public void Leave(DbConnection connection)
    {
        if (Interlocked.CompareExchange(ref _holder, null, connection) == connection)
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}
