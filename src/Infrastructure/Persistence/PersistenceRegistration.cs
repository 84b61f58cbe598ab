using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Hosting;
using Strata.Infrastructure.Persistence.Providers.PostgreSql;
using Strata.Infrastructure.Persistence.Providers.Sqlite;
using Strata.Infrastructure.Persistence.Providers.SqlServer;

namespace Strata.Infrastructure.Persistence;

public static class PersistenceRegistration
{
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The provider decides which services exist, so these are read (and checked) before the container is built.
        builder.AddSettings<StrataOptions>(StrataOptions.Section);
        builder.AddSettings<DatabaseOptions>(DatabaseOptions.Section);
        var strata = builder.GetSettings<StrataOptions>(StrataOptions.Section);
        var database = builder.GetSettings<DatabaseOptions>(DatabaseOptions.Section);

        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = database.ConnectionString ?? $"Data Source={Path.Combine(strata.FullDataPath, "strata.db")};Pooling=True";
                var groupCommit = GroupCommit.ForDatabase(new SqliteConnectionStringBuilder(sqlite).DataSource);
                var writerTurns = new WriterTurns();
                builder.Services.AddPooledDbContextFactory<SqliteStrataDbContext>((services, o) =>
                {
                    // Made when the database is first used, not here: the build-time OpenAPI generator builds the
                    // host without running it, and must leave no data folder behind.
                    Directory.CreateDirectory(strata.FullDataPath);
                    o.UseSqlite(sqlite)
                        .AddInterceptors(new SqliteConnectionSetup(writerTurns), new WriteInterceptor(writerTurns, groupCommit))
                        .AddInterceptors(services.GetServices<IInterceptor>());
                });
                builder.Services.AddSingleton<IDbContextFactory<StrataDbContext>, ProviderContextFactory<SqliteStrataDbContext>>();
                builder.Services.AddSingleton<INodeLookup>(_ => new SqliteNodeLookup(sqlite));
                break;
            case DatabaseProvider.SqlServer:
                // No retrying execution strategy: it refuses the services' own transactions (decision 0012).
                AddServer<SqlServerStrataDbContext>(builder.Services, o => o.UseSqlServer(database.ConnectionString!));
                break;
            case DatabaseProvider.PostgreSql:
                AddServer<PostgreSqlStrataDbContext>(builder.Services, o => o.UseNpgsql(database.ConnectionString!));
                break;
            default:
                throw new UnreachableException($"{DatabaseOptions.Section} validation let provider {database.Provider} through.");
        }

        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContext());
        builder.Services.AddHostedService<DatabaseMigrator>();
        return builder;
    }

    /// <summary>A server database: a pooled context of the provider's subclass, nodes looked up by the compiled query.</summary>
    private static void AddServer<TContext>(IServiceCollection services, Func<DbContextOptionsBuilder, DbContextOptionsBuilder> use)
        where TContext : StrataDbContext
    {
        services.AddPooledDbContextFactory<TContext>((provider, o) => use(o).AddInterceptors(provider.GetServices<IInterceptor>()));
        services.AddSingleton<IDbContextFactory<StrataDbContext>, ProviderContextFactory<TContext>>();
        services.AddSingleton<INodeLookup, CompiledNodeLookup>();
    }

    /// <summary>Hands out the provider's subclass wherever the model's base type is asked for.</summary>
    private sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<StrataDbContext>
        where TContext : StrataDbContext
    {
        public StrataDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
