using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.FeatureManagement;
using Strata.Domain.Journal;
using Strata.Infrastructure.Journal;

namespace Strata.Web.Live;

/// <summary>
/// Tails the event journal and pushes each new event to the connections of <see cref="FolderEventsHub"/> that
/// joined its folder, each seeing only what its caller's rights show (rights change after a join, and a folder
/// one may see can hold items one may not). Polling the journal (rather than an in-process signal) also carries
/// changes made by other instances. It polls only while someone listens: with nobody left it forgets its position
/// and sleeps until a join or subscription wakes it, which starts it again from the journal's end.
/// Publishing, joining and subscribing share one gate, so a joining client gets every event exactly once: from its
/// backlog up to <see cref="_published"/>, then live. Whoever has the LiveUpdates flag off hears nothing, open pages
/// included, from the moment it goes off until it comes back on.
/// </summary>
public sealed class JournalBroadcaster(
    JournalReader journal,
    IFeatureManager features,
    IHubContext<FolderEventsHub, IFolderEventsClient> hub,
    ILogger<JournalBroadcaster> logger) : BackgroundService
{
    internal const int MaxBacklog = 5000;
    private const int BatchSize = 500;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Wakes the idle loop; one pending wake is enough, so more are dropped.</summary>
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<string, ImmutableList<LocalView>> _local = new();

    /// <summary>Per folder group, the connections that joined it and who they are.</summary>
    private readonly ConcurrentDictionary<string, ImmutableDictionary<string, Listener>> _members = new();
    private long _published = -1;

    /// <summary>
    /// In-process subscription to a folder group, for interactive server components that live in this
    /// host and need no hub connection of their own: told that something changed, they list the folder again
    /// through the file service, so they should list it after subscribing. They are also told when the rights change
    /// on their folder or above it, to read their rights again. Dispose the result to unsubscribe.
    /// </summary>
    public Task<IDisposable> SubscribeAsync(string group, Listener listener, Func<Task> handler, CancellationToken cancellationToken) =>
        SubscribeAsync(group, listener, _ => true, handler, cancellationToken);

    /// <summary>
    /// As the other overload, but told only of the group's events <paramref name="about"/> accepts (rights changes
    /// always): a view of one item need not read again for every change to its neighbours.
    /// </summary>
    public async Task<IDisposable> SubscribeAsync(string group, Listener listener, Func<JournalEvent, bool> about, Func<Task> handler, CancellationToken cancellationToken)
    {
        var view = new LocalView(listener, about, handler);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Every event after this position reaches the handler; anything older is in the listing that follows.
            await EnsureStartedAsync(cancellationToken);
            _local.AddOrUpdate(group, [view], (_, views) => views.Add(view));
        }
        finally
        {
            _gate.Release();
        }

        _wake.Writer.TryWrite(true);
        return new Subscription(() => DropIfEmpty(_local, group, _local.AddOrUpdate(group, [], (_, views) => views.Remove(view))));
    }

    /// <summary>Adds the connection to the folder's group and returns what it missed after <paramref name="after"/>.</summary>
    public async Task<FolderJoin> JoinAsync(string connectionId, Listener listener, string group, long? after, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var published = await EnsureStartedAsync(cancellationToken);
            _members.AddOrUpdate(group, _ => ImmutableDictionary<string, Listener>.Empty.Add(connectionId, listener), (_, members) => members.SetItem(connectionId, listener));
            _wake.Writer.TryWrite(true);
            if (after is not { } cursor || cursor >= published)
            {
                return new FolderJoin([], published, Reset: false);
            }

            var missed = await journal.ReadUnfilteredAsync(cursor, published, MaxBacklog, cancellationToken);
            var visibility = await journal.VisibilityForAsync(listener.Caller, cancellationToken);
            var backlog = missed.SelectMany(FolderFeed.Deliveries)
                .Where(d => d.Group == group)
                .Select(d => d.Delivery.ViewFor(visibility))
                .OfType<FolderEvent>()
                .ToList();

            // Too far behind to replay: the client reloads the listing instead.
            return new FolderJoin(backlog, published, Reset: missed.Count == MaxBacklog);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Leave(string connectionId, string group) =>
        DropIfEmpty(_members, group, _members.AddOrUpdate(group, ImmutableDictionary<string, Listener>.Empty, (_, members) => members.Remove(connectionId)));

    /// <summary>Drops a closed connection from every group it joined.</summary>
    public void Forget(string connectionId)
    {
        foreach (var group in _members.Keys)
        {
            Leave(connectionId, group);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (!await PublishNewAsync(stoppingToken))
                {
                    await _wake.Reader.ReadAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Publishing journal events failed; retrying.");
            }
        }
    }

    /// <summary>Sends what is new to whoever listens; false, having read nothing, when nobody does.</summary>
    private async Task<bool> PublishNewAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!HasListeners)
            {
                // What happens meanwhile is nobody's news: the next listener starts from the journal's end.
                _published = -1;
                return false;
            }

            var after = await EnsureStartedAsync(cancellationToken);
            IReadOnlyList<JournalEntry> batch;
            do
            {
                batch = await journal.ReadUnfilteredAsync(after, long.MaxValue, BatchSize, cancellationToken);
                journal.CatchUpRights(batch);
                var live = new LiveAudience(features);
                foreach (var entry in batch)
                {
                    foreach (var (group, delivery) in FolderFeed.Deliveries(entry))
                    {
                        await SendToMembersAsync(group, delivery, live, cancellationToken);
                        await NotifyLocalAsync(group, live, entry.Event);
                    }

                    if (FolderFeed.RightsChangedAt(entry.Event) is { } folder)
                    {
                        foreach (var group in _local.Keys.Where(group => FolderFeed.IsAtOrBelow(group, folder)))
                        {
                            await NotifyLocalAsync(group, live, change: null);
                        }
                    }
                }

                after = batch.Count > 0 ? batch[^1].Event.Sequence : after;
                _published = after;
            }
            while (batch.Count == BatchSize);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Forgets a group nobody is in any more, so the groups ever joined do not pile up (the idle check and
    /// <see cref="Forget"/> walk them all). Only the empty value just left is removed: a join that came in between wins.
    /// </summary>
    private static void DropIfEmpty<T>(ConcurrentDictionary<string, T> groups, string group, T left)
        where T : System.Collections.ICollection
    {
        if (left.Count == 0)
        {
            groups.TryRemove(KeyValuePair.Create(group, left));
        }
    }

    private bool HasListeners => _members.Values.Any(members => !members.IsEmpty) || _local.Values.Any(handlers => !handlers.IsEmpty);

    /// <summary>Each member gets the event as its caller's rights show it (cached, so a warm check costs no query), or not at all.</summary>
    private async Task SendToMembersAsync(string group, FolderDelivery delivery, LiveAudience live, CancellationToken cancellationToken)
    {
        foreach (var (connectionId, listener) in _members.GetValueOrDefault(group, ImmutableDictionary<string, Listener>.Empty))
        {
            if (await live.HearsAsync(listener) && delivery.ViewFor(await journal.VisibilityForAsync(listener.Caller, cancellationToken)) is { } view)
            {
                await hub.Clients.Client(connectionId).FolderChanged(view);
            }
        }
    }

    /// <summary>
    /// Tells the views of the group that care about <paramref name="change"/> (null: a rights change, which all do) to
    /// read again; of an event private to one user, only that user's views.
    /// </summary>
    private async Task NotifyLocalAsync(string group, LiveAudience live, JournalEvent? change)
    {
        var views = _local.GetValueOrDefault(group, [])
            .Where(v => change is null || ((change.PrivateTo is null || v.Listener.Caller.UserId == change.PrivateTo) && v.About(change)));
        foreach (var view in views)
        {
            try
            {
                if (await live.HearsAsync(view.Listener))
                {
                    await view.Handler();
                }
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

/// <summary>An interactive view in this host listening to a folder group.</summary>
internal sealed record LocalView(Listener Listener, Func<JournalEvent, bool> About, Func<Task> Handler);

/// <summary>Whether each listener has live updates on, asked once per user and batch of events.</summary>
internal sealed class LiveAudience(IFeatureManager features)
{
    private readonly Dictionary<string, bool> _hears = new(StringComparer.Ordinal);

    public async ValueTask<bool> HearsAsync(Listener listener)
    {
        if (!_hears.TryGetValue(listener.Caller.UserId, out var hears))
        {
            hears = await features.IsEnabledAsync(Infrastructure.Flags.FlagNames.LiveUpdates, listener.Audience);
            _hears[listener.Caller.UserId] = hears;
        }

        return hears;
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
