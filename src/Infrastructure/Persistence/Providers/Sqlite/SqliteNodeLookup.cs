using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.ObjectPool;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;

namespace Strata.Infrastructure.Persistence.Providers.Sqlite;

/// <summary>
/// SQLite: the lookup as one statement, prepared once on each of a few read-only connections that stay open.
/// Through EF Core each lookup prepared its statement again and leased a context and a pooled connection;
/// that was most of the CPU of a small authenticated GET (~255 µs a request, ~115 µs this way; bench/README.md).
/// Readers in WAL mode see every commit made before their statement starts, as EF Core's connections do.
/// </summary>
internal sealed class SqliteNodeLookup : INodeLookup, IDisposable
{
    // The columns of NodeInfo.Projection; the tests compare this lookup with it.
    private const string Sql = """
        SELECT Id, Name, Path, IsFolder, Size, ContentType, ContentHash, VersionNumber, CreatedAt, ModifiedAt, ModifiedBy
        FROM Nodes WHERE PathHash = $pathHash AND TrashedAt IS NULL LIMIT 1
        """;

    // The model stores DateTimeOffset this way on SQLite (SqliteStrataDbContext.ConfigureConventions).
    private static readonly DateTimeOffsetToBinaryConverter Dates = new();

    private readonly ObjectPool<PreparedLookup> _pool;

    public SqliteNodeLookup(string connectionString)
    {
        var readOnly = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        _pool = new DefaultObjectPoolProvider().Create(new PreparedLookupPolicy(readOnly));
    }

    public async Task<NodeInfo?> FindLiveAsync(string pathHash, CancellationToken cancellationToken)
    {
        var lookup = _pool.Get();
        try
        {
            var found = await lookup.FindAsync(pathHash, cancellationToken);
            _pool.Return(lookup);
            return found;
        }
        catch
        {
            lookup.Dispose();
            throw;
        }
    }

    public void Dispose() => (_pool as IDisposable)?.Dispose();

    private sealed class PreparedLookupPolicy(string connectionString) : PooledObjectPolicy<PreparedLookup>
    {
        public override PreparedLookup Create() => new(connectionString);

        public override bool Return(PreparedLookup obj) => true;
    }

    private sealed class PreparedLookup : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _pathHash;

        public PreparedLookup(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            _command = _connection.CreateCommand();
            _command.CommandText = Sql;
            _pathHash = _command.Parameters.Add("$pathHash", SqliteType.Text);
            _command.Prepare();
        }

        public async Task<NodeInfo?> FindAsync(string pathHash, CancellationToken cancellationToken)
        {
            _pathHash.Value = pathHash;
            await using var row = await _command.ExecuteReaderAsync(cancellationToken);
            if (!await row.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new NodeInfo(
                row.GetInt64(0),
                row.GetString(1),
                row.GetString(2),
                row.GetBoolean(3),
                row.GetInt64(4),
                row.IsDBNull(5) ? null : row.GetString(5),
                row.IsDBNull(6) ? null : row.GetString(6),
                row.GetInt32(7),
                Date(row.GetInt64(8)),
                Date(row.GetInt64(9)),
                row.IsDBNull(10) ? null : row.GetString(10));
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }

        private static DateTimeOffset Date(long stored) => (DateTimeOffset)Dates.ConvertFromProvider(stored)!;
    }
}
