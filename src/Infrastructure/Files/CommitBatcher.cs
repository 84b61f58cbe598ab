using Microsoft.EntityFrameworkCore;
using Strata.Domain.Files;
using Strata.Infrastructure.Hosting;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Files;

/// <summary>One write's metadata change, applied to a batch's context; the paths it changed go in the set.</summary>
public delegate Task<Result<NodeInfo>> BatchedWrite(StrataDbContext db, ISet<NodePath> touched, CancellationToken cancellationToken);

/// <summary>
/// Commits concurrent namespace writes together (decision 0023). A writer that finds fewer than two batches under way
/// leads one: it takes every write waiting, its own first, applies each in arrival order in one transaction, touches
/// the folders above them once and commits once, so many writes share one BEGIN, one COMMIT and one log flush. A
/// writer alone leads at once, so it waits for nobody. Others queue; when a leader is done, the first of them leads
/// the next batch. Two batches at a time, so that one applies its writes while the other waits for its flush.
/// Each write is applied as if alone (against what the writes before it left), so conflicts, conditions, locks and
/// the journal's order are as without batching; if one throws, the batch rolls back and each write is tried alone.
/// </summary>
public sealed class CommitBatcher(IDbContextFactory<StrataDbContext> dbFactory, FolderPropagation propagation)
{
    private const int MaxBatch = 64;
    private const int MaxLeaders = 2;

    private readonly Lock _gate = new();
    private readonly Queue<Pending> _waiting = new();
    private int _leaders;

    /// <summary>Writes queued behind the batches under way.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>
    /// Applies and durably commits <paramref name="write"/>, with whatever other writes are waiting. Once queued, a
    /// write is committed even if <paramref name="cancellationToken"/> fires: its content is stored, and its caller
    /// cannot tell how far a cancelled commit went anyway.
    /// </summary>
    public async Task<Result<NodeInfo>> CommitAsync(BatchedWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        var mine = new Pending(write);
        bool lead;
        lock (_gate)
        {
            lead = _leaders < MaxLeaders;
            if (lead)
            {
                _leaders++;
            }
            else
            {
                _waiting.Enqueue(mine);
            }
        }

        if (!lead && await Task.WhenAny(mine.Done.Task, mine.Lead.Task) == mine.Done.Task)
        {
            return await mine.Done.Task;
        }

        await LeadAsync(mine);
        return await mine.Done.Task;
    }

    private async Task LeadAsync(Pending first)
    {
        var batch = new List<Pending>(MaxBatch) { first };
        lock (_gate)
        {
            while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next))
            {
                batch.Add(next);
            }
        }

        await CommitBatchAsync(batch);

        Pending? successor;
        lock (_gate)
        {
            if (!_waiting.TryDequeue(out successor))
            {
                _leaders--;
            }
        }

        successor?.Lead.SetResult();
    }

    /// <summary>Commits the batch and completes every write in it; never throws, so that its leader always hands on.</summary>
    private async Task CommitBatchAsync(List<Pending> batch)
    {
        Result<NodeInfo>[]? results = null;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            try
            {
                results = await ApplyAsync(db, batch);
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One write's failure must not be the others': rolled back below, each is tried again alone.
            }

            if (results is not null)
            {
                CrashPoints.Reach("batch.applied");
                await tx.CommitAsync(CancellationToken.None);
                CrashPoints.Reach("batch.committed");
            }
        }
        catch (Exception e)
        {
            // A lone write's failure, or a commit's: whether a failed commit (or its flush) kept anything is unknown,
            // and trying again could write a version twice.
            batch.ForEach(p => p.Done.SetException(e));
            return;
        }

        if (results is null)
        {
            foreach (var pending in batch)
            {
                await CommitBatchAsync([pending]);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.SetResult(results[i]);
        }
    }

    private async Task<Result<NodeInfo>[]> ApplyAsync(StrataDbContext db, List<Pending> batch)
    {
        var touched = new HashSet<NodePath>();
        var results = new Result<NodeInfo>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = await batch[i].Write(db, touched, CancellationToken.None);
        }

        await propagation.TouchAncestorsAsync(db, touched, CancellationToken.None);
        return results;
    }

    private sealed class Pending(BatchedWrite write)
    {
        public BatchedWrite Write { get; } = write;

        public TaskCompletionSource<Result<NodeInfo>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set when this write is to lead the next batch.</summary>
        public TaskCompletionSource Lead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
