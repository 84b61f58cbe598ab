using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence.Providers.Sqlite;

namespace Strata.Infrastructure.Tests.Persistence;

public sealed class GroupCommitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("strata-groupcommit-").FullName;
    private int _flushes;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writers_waiting_together_share_one_flush()
    {
        using var groupCommit = new GroupCommit(() =>
        {
            Interlocked.Increment(ref _flushes);
            Thread.Sleep(100);
        });

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(groupCommit.WaitDurableAsync, Ct)));

        // The first writer's flush, then at most one more for everyone who queued behind it.
        _flushes.ShouldBeInRange(1, 2);
    }

    [Fact]
    public async Task A_writer_arriving_after_a_flush_gets_its_own()
    {
        using var groupCommit = new GroupCommit(() => Interlocked.Increment(ref _flushes));

        await groupCommit.WaitDurableAsync();
        await groupCommit.WaitDurableAsync();
        groupCommit.WaitDurable();

        _flushes.ShouldBe(3);
    }

    [Fact]
    public async Task Save_changes_and_row_changing_statements_wait_for_a_flush_and_reads_do_not()
    {
        using var groupCommit = new GroupCommit(() => Interlocked.Increment(ref _flushes));
        await using var db = Create(groupCommit);
        await db.Database.EnsureCreatedAsync(Ct);
        _flushes = 0;

        db.Blobs.Add(new BlobRecord { Hash = new string('a', 64), Size = 1 });
        await db.SaveChangesAsync(Ct);
        _flushes.ShouldBe(1);

        (await db.Blobs.CountAsync(Ct)).ShouldBe(1);
        (await db.Blobs.Where(b => b.Size == 99).ExecuteUpdateAsync(s => s.SetProperty(b => b.Size, 2), Ct)).ShouldBe(0);
        _flushes.ShouldBe(1);

        (await db.Blobs.ExecuteUpdateAsync(s => s.SetProperty(b => b.Size, 2), Ct)).ShouldBe(1);
        _flushes.ShouldBe(2);
    }

    [Fact]
    public async Task Writes_made_durable_by_a_later_commit_do_not_wait_for_a_flush_of_their_own()
    {
        using var groupCommit = new GroupCommit(() => Interlocked.Increment(ref _flushes));
        await using var db = Create(groupCommit);
        await db.Database.EnsureCreatedAsync(Ct);
        _flushes = 0;
        db.DurableWithLaterCommit = true;

        db.Blobs.Add(new BlobRecord { Hash = new string('c', 64), Size = 1 });
        await db.SaveChangesAsync(Ct);
        (await db.Blobs.ExecuteUpdateAsync(s => s.SetProperty(b => b.Size, 2), Ct)).ShouldBe(1);
        _flushes.ShouldBe(0);

        db.DurableWithLaterCommit = false;
        db.Blobs.Add(new BlobRecord { Hash = new string('d', 64), Size = 1 });
        await db.SaveChangesAsync(Ct);
        _flushes.ShouldBe(1);
    }

    [Fact]
    public async Task A_pooled_context_handed_out_again_waits_for_durability_whatever_its_last_user_set()
    {
        using var groupCommit = new GroupCommit(() => Interlocked.Increment(ref _flushes));
        var services = new ServiceCollection()
            .AddPooledDbContextFactory<SqliteStrataDbContext>(o => o
                .UseSqlite($"Data Source={Path.Combine(_folder, "pooled-flag.db")};Pooling=False")
                .AddInterceptors(Interceptors(groupCommit)))
            .BuildServiceProvider();
        await using var scope = services;
        var factory = services.GetRequiredService<IDbContextFactory<SqliteStrataDbContext>>();
        await using (var first = await factory.CreateDbContextAsync(Ct))
        {
            await first.Database.EnsureCreatedAsync(Ct);
            first.DurableWithLaterCommit = true;
        }

        _flushes = 0;
        await using var second = await factory.CreateDbContextAsync(Ct);
        second.Blobs.Add(new BlobRecord { Hash = new string('e', 64), Size = 1 });
        await second.SaveChangesAsync(Ct);

        _flushes.ShouldBe(1);
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode_with_commits_left_to_the_group_flush()
    {
        var path = Path.Combine(_folder, "real.db");
        using var groupCommit = GroupCommit.ForDatabase(path);
        await using var db = new SqliteStrataDbContext(new DbContextOptionsBuilder<SqliteStrataDbContext>()
            .UseSqlite($"Data Source={path}").AddInterceptors(Interceptors(groupCommit)).Options);
        await db.Database.EnsureCreatedAsync(Ct);

        // Held open: the last connection to close checkpoints and deletes the log, and other tests clear the pools.
        await db.Database.OpenConnectionAsync(Ct);
        db.Blobs.Add(new BlobRecord { Hash = new string('b', 64), Size = 1 });
        await db.SaveChangesAsync(Ct);

        File.Exists(path + "-wal").ShouldBeTrue();
        (await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync(Ct)).ShouldBe(["wal"]);
        (await db.Database.SqlQueryRaw<int>("PRAGMA synchronous").ToListAsync(Ct)).ShouldBe([1]); // NORMAL
    }

    [Fact]
    public async Task A_pooled_connection_keeps_its_settings_when_opened_again()
    {
        var options = new DbContextOptionsBuilder<SqliteStrataDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "pooled.db")};Pooling=True").AddInterceptors(new SqliteConnectionSetup(new WriterTurns())).Options;
        await using (var first = new SqliteStrataDbContext(options))
        {
            await first.Database.EnsureCreatedAsync(Ct);
        }

        // The second context is handed the first one's SQLite connection by the pool; the settings made on it must still hold.
        await using var second = new SqliteStrataDbContext(options);
        (await second.Database.SqlQueryRaw<int>("PRAGMA foreign_keys").ToListAsync(Ct)).ShouldBe([1]);
        (await second.Database.SqlQueryRaw<int>("PRAGMA busy_timeout").ToListAsync(Ct)).ShouldBe([10000]);
        (await second.Database.SqlQueryRaw<int>("PRAGMA synchronous").ToListAsync(Ct)).ShouldBe([1]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SqliteStrataDbContext Create(GroupCommit groupCommit) =>
        new(new DbContextOptionsBuilder<SqliteStrataDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "strata.db")};Pooling=False")
            .AddInterceptors(Interceptors(groupCommit))
            .Options);

    private static IInterceptor[] Interceptors(GroupCommit groupCommit)
    {
        var turns = new WriterTurns();
        return [new SqliteConnectionSetup(turns), new WriteInterceptor(turns, groupCommit)];
    }
}
