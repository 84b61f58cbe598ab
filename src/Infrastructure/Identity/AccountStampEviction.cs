using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace Strata.Infrastructure.Identity;

/// <summary>
/// Makes <see cref="AccountStampReader"/> forget an account whenever this process saves a change to it, whoever
/// saves it (Identity's password, two-factor and lockout changes, an administrator's edits): before the save, so
/// the old email is forgotten too, and after it, so nothing read in between outlives the change.
/// </summary>
internal sealed class AccountStampEviction(IMemoryCache cache) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Forget(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Forget(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Forget(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Listing the tracked accounts needs no scan of every tracked entity for changes, which Entries() runs first
        // (SaveChanges runs its own): that scan was a fortieth of a small upload's CPU, twice.
        var tracker = context.ChangeTracker;
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var account in tracker.Entries<StrataUser>())
            {
                AccountStampReader.Forget(cache, account.Entity.Id, account.Entity.NormalizedEmail);
                AccountStampReader.Forget(cache, account.Entity.Id, account.OriginalValues.GetValue<string?>(nameof(StrataUser.NormalizedEmail)));
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }
}
