using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Strata.Infrastructure.Persistence.Providers.Sqlite;

public sealed class SqliteStrataDbContext : StrataDbContext
{
    public SqliteStrataDbContext(DbContextOptions<SqliteStrataDbContext> options)
        : base(options)
    {
        // Every SaveChanges commits a transaction, so GroupCommitInterceptor sees each one and makes it durable.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot order or compare DateTimeOffset text; store it as a sortable integer.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
