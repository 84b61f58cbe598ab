using Microsoft.EntityFrameworkCore;

namespace Strata.Infrastructure.Persistence.Providers.SqlServer;

public sealed class SqlServerStrataDbContext(DbContextOptions<SqlServerStrataDbContext> options) : StrataDbContext(options);
