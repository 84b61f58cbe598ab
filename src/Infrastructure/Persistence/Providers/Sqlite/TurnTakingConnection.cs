using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Strata.Infrastructure.Persistence.Providers.Sqlite;

/// <summary>
/// A connection that takes its <see cref="WriterTurns"/> turn before BEGIN and gives it back as soon as its
/// transaction ends: committed, rolled back, or disposed unfinished (an early return), which EF Core does not
/// report. Microsoft.Data.Sqlite clears <see cref="Transaction"/> on every one of those ends.
/// </summary>
internal sealed class TurnTakingConnection(string? connectionString, WriterTurns turns) : SqliteConnection(connectionString)
{
    protected override SqliteTransaction? Transaction
    {
        get => base.Transaction;
        set
        {
            base.Transaction = value;
            if (value is null)
            {
                turns.Leave(this);
            }
        }
    }

    // EF Core begins its transactions here: the turn is waited for without holding a thread, and a cancellation
    // arrives either before the turn is taken or not at all.
    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        await turns.EnterAsync(this, cancellationToken);
        return BeginTransaction(isolationLevel);
    }

    // Every BeginTransaction overload ends here.
    public override SqliteTransaction BeginTransaction(IsolationLevel isolationLevel, bool deferred)
    {
        turns.Enter(this);
        try
        {
            return base.BeginTransaction(isolationLevel, deferred);
        }
        catch
        {
            turns.Leave(this);
            throw;
        }
    }
}
