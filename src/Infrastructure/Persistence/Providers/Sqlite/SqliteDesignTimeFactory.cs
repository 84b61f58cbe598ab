using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Strata.Infrastructure.Persistence.Providers.Sqlite;

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteStrataDbContext>
{
    public SqliteStrataDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteStrataDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
