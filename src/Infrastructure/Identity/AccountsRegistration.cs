using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.Infrastructure.Hosting;
using Strata.Infrastructure.Redis;

namespace Strata.Infrastructure.Identity;

public static class AccountsRegistration
{
    /// <summary>
    /// Account creation, start-up seeding and password-failure counts; call after <c>AddPersistence</c> (seeding runs after
    /// migrations) and <c>AddRedis</c> (the counts are shared through Redis when it is configured).
    /// </summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<AccountService>();
        builder.Services.AddSingleton<UserDirectory>();
        builder.Services.AddSingleton<AccountStampReader>();
        builder.Services.AddSingleton<IInterceptor, AccountStampEviction>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<VerifiedPasswordCache>();
        builder.Services.AddSingleton<FailedAttempts>();
        if (builder.RedisSettings().Configuration is null)
        {
            builder.Services.AddSingleton<IAttemptCounters, MemoryAttemptCounters>();
        }
        else
        {
            builder.Services.AddSingleton<IAttemptCounters, RedisAttemptCounters>();
        }

        builder.AddSettings<AdminOptions>(AdminOptions.Section);
        builder.Services.AddHostedService<StartupSeeder>();
        return builder;
    }
}
