using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Strata.Infrastructure.Persistence.Providers.SqlServer;

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerStrataDbContext>
{
    public SqlServerStrataDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerStrataDbContext>()
            .UseSqlServer("Server=localhost;Database=Strata;Trusted_Connection=True;TrustServerCertificate=True")
            .Options);
}
