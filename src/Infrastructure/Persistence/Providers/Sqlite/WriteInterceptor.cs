using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Strata.Infrastructure.Persistence.Providers.Sqlite;

/// <summary>
/// Makes every write to the SQLite database durable before it is acknowledged: once a transaction has committed
/// (and <see cref="TurnTakingConnection"/> has given up its turn), or a statement outside one (ExecuteUpdate/
/// ExecuteDelete) has changed rows, it waits for <see cref="GroupCommit"/>, so the next writer works while this
/// one's fsync runs. Such a statement also takes its <see cref="WriterTurns"/> turn here, around itself.
/// SaveChanges always runs in a transaction here (see <see cref="SqliteStrataDbContext"/>).
/// </summary>
internal sealed class WriteInterceptor(WriterTurns turns, GroupCommit groupCommit) : IDbTransactionInterceptor, IDbCommandInterceptor
{
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (MustBeDurableNow(eventData))
        {
            groupCommit.WaitDurable();
        }
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        MustBeDurableNow(eventData) ? groupCommit.WaitDurableAsync() : Task.CompletedTask;

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (WritesAlone(command))
        {
            turns.Enter(command.Connection!);
        }

        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (WritesAlone(command))
        {
            await turns.EnterAsync(command.Connection!, cancellationToken);
        }

        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (WritesAlone(command))
        {
            turns.Leave(command.Connection!);
            if (result > 0 && MustBeDurableNow(eventData))
            {
                groupCommit.WaitDurable();
            }
        }

        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (WritesAlone(command))
        {
            turns.Leave(command.Connection!);
            if (result > 0 && MustBeDurableNow(eventData))
            {
                await groupCommit.WaitDurableAsync();
            }
        }

        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => LeaveAfterNonQuery(command, eventData);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveAfterNonQuery(command, eventData);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => LeaveAfterNonQuery(command, eventData);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveAfterNonQuery(command, eventData);
        return Task.CompletedTask;
    }

    private static bool MustBeDurableNow(DbContextEventData eventData) => eventData.Context is not StrataDbContext { DurableWithLaterCommit: true };

    /// <summary>A statement outside a transaction: SQLite takes and drops the write lock around it alone.</summary>
    private static bool WritesAlone(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Transaction is null;
    }

    private void LeaveAfterNonQuery(DbCommand command, CommandEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.ExecuteMethod == DbCommandMethod.ExecuteNonQuery && WritesAlone(command))
        {
            turns.Leave(command.Connection!);
        }
    }
}
