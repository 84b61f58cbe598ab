using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Strata.Infrastructure.Identity;

/// <summary>Creates the configured administrator on an empty database. Runs after migrations.</summary>
internal sealed class StartupSeeder(IServiceScopeFactory scopes, IOptions<AdminOptions> admin, ILogger<StartupSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (email, password) = (admin.Value.Email, admin.Value.Password);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>();
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password) || await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var result = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateUserAsync(email, password, admin: true, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Strata:Admin could not be created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        logger.LogInformation("Created the administrator {Email} from configuration", email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
