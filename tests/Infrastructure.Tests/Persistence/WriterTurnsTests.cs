using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence.Providers.Sqlite;

namespace Strata.Infrastructure.Tests.Persistence;

/// <summary>
/// Writers of one process take turns before SQLite's write lock. Every way a write can end must give the turn
/// back: else the next writer waits out the turn's patience (10 s), which these tests would exceed.
/// </summary>
public sealed class WriterTurnsTests : IAsyncLifetime
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(3);
    private readonly string _folder = Directory.CreateTempSubdirectory("strata-turns-").FullName;
    private readonly WriterTurns _turns = new();
    private readonly GroupCommit _groupCommit = new(() => { });
    private int _blobs;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var db = Create();
        await db.Database.EnsureCreatedAsync(Ct);
    }

    [Fact]
    public async Task A_writer_waits_while_another_holds_a_transaction_and_goes_on_when_it_commits()
    {
        await using var holder = Create();
        var transaction = await holder.Database.BeginTransactionAsync(Ct);
        holder.Blobs.Add(NewBlob());
        await holder.SaveChangesAsync(Ct);

        var waiting = SaveOneAsync();
        await Task.Delay(300, Ct);
        waiting.IsCompleted.ShouldBeFalse();

        await transaction.CommitAsync(Ct);
        await waiting.WaitAsync(Prompt, Ct);
        await transaction.DisposeAsync();
        (await CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_gives_its_turn_back()
    {
        await using (var holder = Create())
        {
            await using var transaction = await holder.Database.BeginTransactionAsync(Ct);
            holder.Blobs.Add(NewBlob());
            await holder.SaveChangesAsync(Ct);
        }

        await SaveOneAsync().WaitAsync(Prompt, Ct);
        (await CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_transaction_rolled_back_gives_its_turn_back()
    {
        await using var holder = Create();
        await using var transaction = await holder.Database.BeginTransactionAsync(Ct);
        await transaction.RollbackAsync(Ct);

        await SaveOneAsync().WaitAsync(Prompt, Ct);
    }

    [Fact]
    public async Task A_statement_outside_a_transaction_takes_its_turn_and_gives_it_back_even_when_it_fails()
    {
        await SaveOneAsync();
        await using var holder = Create();
        var transaction = await holder.Database.BeginTransactionAsync(Ct);
        await using var other = Create();
        var update = other.Blobs.ExecuteUpdateAsync(s => s.SetProperty(b => b.Size, 7), Ct);
        await Task.Delay(300, Ct);
        update.IsCompleted.ShouldBeFalse();
        await transaction.CommitAsync(Ct);
        await update.WaitAsync(Prompt, Ct);

        // A NOT NULL column set to null: the statement fails inside SQLite.
        await Should.ThrowAsync<SqliteException>(() => other.Database.ExecuteSqlRawAsync("UPDATE \"Blobs\" SET \"Hash\" = NULL", Ct));
        await SaveOneAsync().WaitAsync(Prompt, Ct);
        await transaction.DisposeAsync();
    }

    [Fact]
    public async Task Many_concurrent_writers_all_commit()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(SaveOneAsync, Ct)));

        (await CountAsync()).ShouldBe(40);
    }

    public ValueTask DisposeAsync()
    {
        _turns.Dispose();
        _groupCommit.Dispose();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task SaveOneAsync()
    {
        await using var db = Create();
        db.Blobs.Add(NewBlob());
        await db.SaveChangesAsync(Ct);
    }

    private async Task<int> CountAsync()
    {
        await using var db = Create();
        return await db.Blobs.CountAsync(Ct);
    }

    private BlobRecord NewBlob() => new() { Hash = Interlocked.Increment(ref _blobs).ToString("x64", System.Globalization.CultureInfo.InvariantCulture), Size = 1 };

    // Pooling off: every context has its own SQLite connection, as concurrent requests have.
    private SqliteStrataDbContext Create() =>
        new(new DbContextOptionsBuilder<SqliteStrataDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "strata.db")};Pooling=False")
            .AddInterceptors(new SqliteConnectionSetup(_turns), new WriteInterceptor(_turns, _groupCommit))
            .Options);
}
