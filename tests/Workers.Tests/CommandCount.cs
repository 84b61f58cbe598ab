using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Strata.Workers.Tests;

/// <summary>Counts the SQL commands a host creates, for tests that bound how many queries a job costs.</summary>
public sealed class CommandCount : DbCommandInterceptor
{
    private int _created;

    public int Created => Volatile.Read(ref _created);

    public override DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result)
    {
        Interlocked.Increment(ref _created);
        return result;
    }
}
