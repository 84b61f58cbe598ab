using Microsoft.EntityFrameworkCore;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Persistence.Providers.Sqlite;

namespace Strata.Infrastructure.Tests.Files;

/// <summary>The SQLite lookup reads the columns by hand; it must answer exactly as the EF Core projection does.</summary>
public sealed class NodeLookupTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("strata-lookup-").FullName;
    private ContextFactory _contexts = null!;
    private SqliteNodeLookup _sqlite = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "lookup.db")};Pooling=True";

    public async ValueTask InitializeAsync()
    {
        _contexts = new ContextFactory(ConnectionString);
        await using var db = _contexts.CreateDbContext();
        await db.Database.EnsureCreatedAsync(Ct);
        _sqlite = new SqliteNodeLookup(ConnectionString);
    }

    [Fact]
    public async Task A_file_and_a_folder_read_as_the_projection_reads_them()
    {
        var file = Node.Create(NodePath.Parse("/Shared/Reports/Q3 résumé.pdf"), null, isFolder: false, "ana@strata.test",
            new DateTimeOffset(2026, 11, 23, 9, 18, 52, TimeSpan.FromHours(2)).AddTicks(1234567));
        file.Size = 5_000_000_000;
        file.ContentHash = new string('c', 64);
        file.ContentType = "application/pdf";
        file.VersionNumber = 7;
        file.ModifiedAt = new DateTimeOffset(2026, 12, 2, 15, 6, 24, TimeSpan.FromHours(-5)).AddTicks(42);
        var folder = Node.Create(NodePath.Parse("/Shared/Reports"), null, isFolder: true, actor: null, DateTimeOffset.UnixEpoch);
        await AddAsync(file, folder);

        foreach (var node in new[] { file, folder })
        {
            var expected = await new CompiledNodeLookup(_contexts).FindLiveAsync(node.PathHash, Ct);
            expected.ShouldNotBeNull();
            (await _sqlite.FindLiveAsync(node.PathHash, Ct)).ShouldBe(expected);
        }
    }

    [Fact]
    public async Task Trashed_and_missing_paths_are_not_found()
    {
        var trashed = Node.Create(NodePath.Parse("/Shared/old.txt"), null, isFolder: false, "ana@strata.test", DateTimeOffset.UnixEpoch);
        trashed.ContentHash = new string('d', 64);
        trashed.TrashedAt = DateTimeOffset.UnixEpoch;
        await AddAsync(trashed);

        (await _sqlite.FindLiveAsync(trashed.PathHash, Ct)).ShouldBeNull();
        (await _sqlite.FindLiveAsync(Node.HashKey("/shared/never"), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task A_change_committed_after_the_statement_was_prepared_is_seen()
    {
        var node = Node.Create(NodePath.Parse("/Shared/build.zip"), null, isFolder: false, "ana@strata.test", DateTimeOffset.UnixEpoch);
        node.ContentHash = new string('e', 64);
        await AddAsync(node);
        (await _sqlite.FindLiveAsync(node.PathHash, Ct)).ShouldNotBeNull().Version.ShouldBe(0);

        await using (var db = _contexts.CreateDbContext())
        {
            await db.Nodes.Where(n => n.Id == node.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.VersionNumber, 2), Ct);
        }

        (await _sqlite.FindLiveAsync(node.PathHash, Ct)).ShouldNotBeNull().Version.ShouldBe(2);
    }

    public ValueTask DisposeAsync()
    {
        _sqlite.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task AddAsync(params Node[] nodes)
    {
        await using var db = _contexts.CreateDbContext();
        db.Nodes.AddRange(nodes);
        await db.SaveChangesAsync(Ct);
    }

    private sealed class ContextFactory(string connectionString) : IDbContextFactory<StrataDbContext>
    {
        public StrataDbContext CreateDbContext() => new SqliteStrataDbContext(new DbContextOptionsBuilder<SqliteStrataDbContext>()
            .UseSqlite(connectionString).AddInterceptors(new SqliteConnectionSetup(new WriterTurns())).Options);
    }
}
