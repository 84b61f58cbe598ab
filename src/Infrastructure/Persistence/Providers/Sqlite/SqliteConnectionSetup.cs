using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Strata.Infrastructure.Persistence.Providers.Sqlite;

/// <summary>
/// WAL lets readers run beside the writer; synchronous=NORMAL leaves the fsync of each commit to
/// <see cref="GroupCommit"/>, which shares one among concurrent writers (an acknowledged write still
/// survives power loss); busy_timeout makes concurrent writers wait instead of failing.
/// </summary>
/// <remarks>
/// The settings belong to the SQLite connection, which the pool keeps open across many opens of a
/// <see cref="SqliteConnection"/>: they are applied once per pooled connection, not on every open (four
/// statements parsed and run were a tenth of a small authenticated GET).
/// <para>
/// The connections are created here, as <see cref="TurnTakingConnection"/>s that queue their writers, rather than
/// by EF Core, which gives each one seven .NET functions (regexp and decimal arithmetic) that Microsoft.Data.Sqlite
/// then installs on every open of a pooled connection and removes on every close — another tenth of a small GET.
/// Strata's model has no decimal columns and its queries match no regular expressions, so nothing calls them.
/// </para>
/// </remarks>
internal sealed class SqliteConnectionSetup(WriterTurns writerTurns) : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    private static readonly ConditionalWeakTable<sqlite3, object?> Configured = [];

    public override InterceptionResult<DbConnection> ConnectionCreating(ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        return InterceptionResult<DbConnection>.SuppressWithResult(new TurnTakingConnection(eventData.ConnectionString, writerTurns));
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection, out var handle))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Configured.AddOrUpdate(handle, null);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsConfigured(connection, out var handle))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Configured.AddOrUpdate(handle, null);
    }

    private static bool IsConfigured(DbConnection connection, out sqlite3 handle)
    {
        ArgumentNullException.ThrowIfNull(connection);
        handle = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The connection is not open.");
        return Configured.TryGetValue(handle, out _);
    }
}
