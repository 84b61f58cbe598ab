using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Strata.Infrastructure.Persistence.Providers.Sqlite;

/// <summary>
/// WAL lets readers run beside the writer; synchronous=NORMAL leaves the fsync of each commit to
/// <see cref="GroupCommit"/>, which shares one among concurrent writers (an acknowledged write still
/// survives power loss); busy_timeout makes concurrent writers wait instead of failing.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
