using System.Data;
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

    // Every BeginTransaction overload and EF Core's BeginTransactionAsync end here.
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
