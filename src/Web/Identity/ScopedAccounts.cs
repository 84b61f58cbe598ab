using Strata.Infrastructure.Identity;

namespace Strata.Web.Identity;

/// <summary>
/// Runs an <see cref="AccountService"/> call in a scope of its own. A circuit lives for as long as the tab is
/// open, and the scoped <c>UserManager</c> behind the service would otherwise keep one DbContext (and the users
/// it tracked, however stale) for all that time.
/// </summary>
public sealed class ScopedAccounts(IServiceScopeFactory scopes)
{
    public async Task<T> RunAsync<T>(Func<AccountService, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AccountService>());
    }
}
