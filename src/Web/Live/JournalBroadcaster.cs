using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Strata.Infrastructure.Journal;

namespace Strata.Web.Live;

/// <summary>
/// Tails the event journal and pushes each new event to the folder groups of <see cref="FolderEventsHub"/>.
/// Polling the journal (rather than an in-process signal) also carries changes made by other instances.
/// Publishing and joining share one gate, so a joining client gets every event exactly once: from its
/// backlog up to <see cref="_published"/>, then live.
/// </summary>
public sealed class JournalBroadcaster(
    JournalReader journal, IHubContext<FolderEventsHub, IFolderEventsClient> hub, ILogger<JournalBroadcaster> logger) : BackgroundService
{
    internal const int MaxBacklog = 5000;
    private const int BatchSize = 500;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, ImmutableList<Func<FolderEvent, Task>>> _local = new();
    private long _published = -1;

    /// <summary>
    /// In-process subscription to a folder group, for interactive server components that live in this
    /// host and need no hub connection of their own. Dispose the result to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(string group, Func<FolderEvent, Task> handler)
    {
        _local.AddOrUpdate(group, [handler], (_, handlers) => handlers.Add(handler));
        return new Subscription(() => _local.AddOrUpdate(group, [], (_, handlers) => handlers.Remove(handler)));
    }

    /// <summary>Adds the connection to the folder's group and returns what it missed after <paramref name="after"/>.</summary>
    public async Task<FolderJoin> JoinAsync(string connectionId, string group, long? after, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var published = await EnsureStartedAsync(cancellationToken);
            await hub.Groups.AddToGroupAsync(connectionId, group, cancellationToken);
            if (after is not { } cursor || cursor >= published)
            {
                return new FolderJoin([], published, Reset: false);
            }

            var missed = await journal.ReadUnfilteredAsync(cursor, published, MaxBacklog, cancellationToken);
            var backlog = missed.SelectMany(FolderFeed.Deliveries).Where(d => d.Group == group).Select(d => d.Event).ToList();

            // Too far behind to replay: the client reloads the listing instead.
            return new FolderJoin(backlog, published, Reset: missed.Count == MaxBacklog);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PublishNewAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Publishing journal events failed; retrying.");
            }
        }
    }

    private async Task PublishNewAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var after = await EnsureStartedAsync(cancellationToken);
            IReadOnlyList<Domain.Journal.JournalEvent> batch;
            do
            {
                batch = await journal.ReadUnfilteredAsync(after, long.MaxValue, BatchSize, cancellationToken);
                foreach (var (group, change) in batch.SelectMany(FolderFeed.Deliveries))
                {
                    await hub.Clients.Group(group).FolderChanged(change);
                    await NotifyLocalAsync(group, change);
                }

                after = batch.Count > 0 ? batch[^1].Sequence : after;
                _published = after;
            }
            while (batch.Count == BatchSize);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task NotifyLocalAsync(string group, FolderEvent change)
    {
        foreach (var handler in _local.GetValueOrDefault(group, []))
        {
            try
            {
                await handler(change);
            }
            catch (Exception ex)
            {
                // One broken view must not stop the feed for everyone else.
                logger.LogWarning(ex, "A live view failed to handle a folder event.");
            }
        }
    }

    /// <summary>Starts from the journal's end: clients bring their own cursor for anything older.</summary>
    private async Task<long> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (_published < 0)
        {
            _published = await journal.LatestSequenceAsync(cancellationToken);
        }

        return _published;
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}

internal sealed class Subscription(Action unsubscribe) : IDisposable
{
    public void Dispose() => unsubscribe();
}

/// <summary>
/// The answer to joining a folder: the events missed since the client's cursor and the cursor to keep;
/// <see cref="Reset"/> means too much was missed and the folder should be listed again.
/// </summary>
public sealed record FolderJoin(IReadOnlyList<FolderEvent> Events, long Cursor, bool Reset);
