using Microsoft.EntityFrameworkCore;
using Strata.Domain.Previews;
using Strata.Infrastructure.Persistence.Providers.Sqlite;
using Strata.Infrastructure.Search.Index;

namespace Strata.Infrastructure.Tests.Search;

/// <summary>The indexer is woken by this process's commits, so new text is searchable at once rather than at the next slow poll.</summary>
public sealed class SearchWriteWatcherTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("strata-watcher-").FullName;
    private readonly SearchSignal _signal = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var db = Context();
        await db.Database.EnsureCreatedAsync(Ct);
    }

    [Fact]
    public async Task Completing_a_loaded_text_rendition_wakes_the_indexer()
    {
        var source = new string('a', 64);
        await using (var db = Context())
        {
            db.Renditions.Add(Rendition.Pending(source, RenditionKind.Text, 0, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = Context())
        {
            var rendition = await db.Renditions.SingleAsync(r => r.SourceHash == source, Ct);
            rendition.Complete(new string('b', 64));
            await db.SaveChangesAsync(Ct);
        }

        var woken = _signal.WaitAsync(TimeSpan.FromMinutes(5), Ct);
        (await Task.WhenAny(woken, Task.Delay(TimeSpan.FromSeconds(30), Ct))).ShouldBe(woken, "the extraction's commit gave no wake");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private SqliteStrataDbContext Context() => new(new DbContextOptionsBuilder<SqliteStrataDbContext>()
        .UseSqlite($"Data Source={Path.Combine(_folder, "watcher.db")};Pooling=False")
        .AddInterceptors(new SearchWriteWatcher(_signal)).Options);
}
