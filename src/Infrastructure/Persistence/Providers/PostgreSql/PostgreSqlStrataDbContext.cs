using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Strata.Infrastructure.Persistence.Providers.PostgreSql;

public sealed class PostgreSqlStrataDbContext(DbContextOptions<PostgreSqlStrataDbContext> options) : StrataDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Keys, paths and sort keys are compared byte for byte, as SQLite's BINARY does; a database's own locale
        // (en_US, say) would order and prefix-match them differently from the embedded install.
        configurationBuilder.Properties<string>().UseCollation("C");
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // The model's index filters name columns bare, which SQLite and SQL Server match without regard to case;
        // PostgreSQL folds a bare name to lower case, and EF Core creates the columns quoted, in their own case.
        foreach (var index in builder.Model.GetEntityTypes().SelectMany(e => e.GetIndexes()).Where(i => i.GetFilter() is not null))
        {
            var table = index.DeclaringEntityType;
            index.SetFilter(table.GetProperties().Aggregate(
                index.GetFilter()!, (filter, p) => Regex.Replace(filter, $@"(?<![""\w]){p.GetColumnName()}(?![""\w])", $"\"{p.GetColumnName()}\"")));
        }
    }
}
