using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Strata.Domain.Files;

namespace Strata.Infrastructure.Persistence;

/// <summary>Applies pending migrations, and fills what they cannot compute in SQL, before the host serves requests.</summary>
internal sealed class DatabaseMigrator(IDbContextFactory<StrataDbContext> factory, ILogger<DatabaseMigrator> logger) : IHostedService
{
    private const int Batch = 1000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migrations: {Migrations}", pending.Count, string.Join(", ", pending));
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(() => db.Database.MigrateAsync(cancellationToken));
        }

        await FillSortKeysAsync(db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Nodes made before names had a sort key got an empty one from the migration that added it (the key is made in
    /// .NET, not SQL). Checked at every start, so a fill cut short by a stop goes on at the next.
    /// </summary>
    private async Task FillSortKeysAsync(StrataDbContext db, CancellationToken cancellationToken)
    {
        var filled = 0;
        for (var after = 0L; ;)
        {
            var nodes = await db.Nodes.Where(n => n.SortKey == string.Empty && n.Id > after).OrderBy(n => n.Id).Take(Batch).ToListAsync(cancellationToken);
            if (nodes.Count == 0)
            {
                break;
            }

            nodes.ForEach(n => n.SortKey = NodeName.SortKeyOf(n.NameKey));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            filled += nodes.Count;
            after = nodes[^1].Id;
        }

        if (filled > 0)
        {
            logger.LogInformation("Gave {Count} files and folders their sort key", filled);
        }
    }
}
