using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Strata.Infrastructure.Persistence.Providers.PostgreSql;

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlStrataDbContext>
{
    public PostgreSqlStrataDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlStrataDbContext>()
            .UseNpgsql("Host=localhost;Database=strata")
            .Options);
}
