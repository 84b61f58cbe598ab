using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Persistence.Providers.PostgreSql;
using Strata.Infrastructure.Persistence.Providers.Sqlite;
using Strata.Infrastructure.Persistence.Providers.SqlServer;

namespace Strata.Infrastructure.Tests.Persistence;

public sealed class MigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => ["Sqlite", "SqlServer", "PostgreSql"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_model_has_no_changes_missing_from_the_migrations(string provider)
    {
        await using var db = Create(provider);

        db.Database.HasPendingModelChanges().ShouldBeFalse($"Run tools/add-migration.sh: the {provider} migrations are behind the model.");
        db.Database.GetMigrations().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Sqlite_migrates_an_empty_file_and_a_second_run_is_a_no_op()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("strata-migrate-").FullName, "strata.db");
        try
        {
            await using (var first = Sqlite(file))
            {
                await first.Database.MigrateAsync(Ct);
                (await first.Database.GetPendingMigrationsAsync(Ct)).ShouldBeEmpty();
            }

            await using var second = Sqlite(file);
            (await second.Database.GetPendingMigrationsAsync(Ct)).ShouldBeEmpty();
            await second.Database.MigrateAsync(Ct);
            (await second.Nodes.CountAsync(Ct)).ShouldBe(0);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    private static StrataDbContext Create(string provider) => provider switch
    {
        "Sqlite" => new SqliteDesignTimeFactory().CreateDbContext([]),
        "PostgreSql" => new PostgreSqlDesignTimeFactory().CreateDbContext([]),
        _ => new SqlServerDesignTimeFactory().CreateDbContext([]),
    };

    private static SqliteStrataDbContext Sqlite(string file) =>
        new(new DbContextOptionsBuilder<SqliteStrataDbContext>().UseSqlite($"Data Source={file}").Options);
}
