using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Strata.Infrastructure.Persistence.Providers.Sqlite;

/// <summary>
/// Holds every write back until <see cref="GroupCommit"/> has made it durable: after each committed
/// transaction, and after each statement that changed rows outside one (ExecuteUpdate/ExecuteDelete).
/// SaveChanges always runs in a transaction here (see <see cref="SqliteStrataDbContext"/>), so it is covered.
/// </summary>
internal sealed class GroupCommitInterceptor(GroupCommit groupCommit) : IDbTransactionInterceptor, IDbCommandInterceptor
{
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => groupCommit.WaitDurable();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        groupCommit.WaitDurableAsync();

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Transaction is null && result > 0)
        {
            groupCommit.WaitDurable();
        }

        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Transaction is null && result > 0)
        {
            await groupCommit.WaitDurableAsync();
        }

        return result;
    }
}
