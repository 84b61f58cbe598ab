using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Identity;

public static class AccountsRegistration
{
    /// <summary>Account creation and start-up seeding; call after <c>AddPersistence</c> so seeding runs after migrations.</summary>
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
        builder.AddSettings<AdminOptions>(AdminOptions.Section);
        builder.Services.AddHostedService<StartupSeeder>();
        return builder;
    }
}
