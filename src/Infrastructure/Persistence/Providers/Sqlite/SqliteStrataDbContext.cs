using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Strata.Infrastructure.Persistence.Providers.Sqlite;

public sealed class SqliteStrataDbContext : StrataDbContext
{
    public SqliteStrataDbContext(DbContextOptions<SqliteStrataDbContext> options)
        : base(options)
    {
        // Every SaveChanges commits a transaction, so TurnTakingConnection queues each one and WriteInterceptor makes it durable.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;

        // A SaveChanges inside a transaction would be wrapped in a savepoint (two more statements) so that the
        // transaction could go on after it failed; Strata's transactions end when a SaveChanges fails.
        Database.AutoSavepointsEnabled = false;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot order or compare DateTimeOffset text; store it as a sortable integer.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
