using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Strata.Domain.Journal;
using Strata.Domain.Previews;

namespace Strata.Infrastructure.Search.Index;

/// <summary>
/// Wakes the indexer when this process commits a journal event or a document's text, so that a change is searchable
/// at once without every host polling hard (a fast poll in every host slowed everything else down). Told after the
/// commit: a save inside a transaction signals when the transaction commits, as the indexer could not read it before.
/// </summary>
internal sealed class SearchWriteWatcher(SearchSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Contexts whose pending save holds something the indexer follows.</summary>
    private readonly ConditionalWeakTable<DbContext, object> _relevant = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SignalIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SignalIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => SignalIfNoted(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SignalIfNoted(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Listing the tracked entries of two types needs no scan of every entity for changes. EF calls this before its
        // own scan, so a loaded rendition just completed still reads Unchanged: only ready text renditions are
        // scanned, each on its own (missing them left new text to the slow poll, 2 s after its extraction).
        var tracker = context.ChangeTracker;
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<JournalEvent>().Any(e => e.State == EntityState.Added)
                || tracker.Entries<Rendition>().Any(e => e.Entity.Kind == RenditionKind.Text && e.Entity.Status == RenditionStatus.Ready && Changed(e)))
            {
                _relevant.AddOrUpdate(context, this);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private static bool Changed(EntityEntry entry)
    {
        entry.DetectChanges();
        return entry.State != EntityState.Unchanged;
    }

    private void SignalIfCommitted(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            SignalIfNoted(context);
        }
    }

    private void SignalIfNoted(DbContext? context)
    {
        if (context is not null && _relevant.Remove(context))
        {
            signal.Notify();
        }
    }
}
