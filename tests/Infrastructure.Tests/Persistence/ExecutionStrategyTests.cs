using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Tests.Persistence;

/// <summary>
/// The services open their own transactions (a move, a restore, a grant and its journal entry commit together).
/// EF Core refuses every command inside a user transaction when the provider's execution strategy retries, so no
/// provider may be configured with one (decision 0012).
/// </summary>
public sealed class ExecutionStrategyTests
{
    [Theory]
    [InlineData("Sqlite", "Data Source=:memory:")]
    [InlineData("SqlServer", "Server=127.0.0.1,1;Database=strata;Connect Timeout=1")]
    public void No_provider_retries_what_a_user_transaction_holds(string provider, string connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["Strata:DataPath"] = Path.GetTempPath();
        builder.Configuration["Strata:Database:Provider"] = provider;
        builder.Configuration["Strata:Database:ConnectionString"] = connectionString;
        builder.AddPersistence();
        using var services = builder.Services.BuildServiceProvider();

        using var db = services.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContext();

        db.Database.ProviderName.ShouldEndWith(provider);
        db.Database.CreateExecutionStrategy().RetriesOnFailure.ShouldBeFalse();
    }
}
