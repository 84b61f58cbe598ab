using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Strata.Web.Notifications;

/// <summary>
/// In-process subscription to a user's unread count, for the bell of interactive server pages in this host: they need
/// no hub connection of their own. Handlers are told the new count and read the list again when they show it.
/// </summary>
public sealed class NotificationBell(ILogger<NotificationBell> logger)
{
    private readonly ConcurrentDictionary<string, ImmutableList<Func<int, Task>>> _views = new(StringComparer.Ordinal);

    /// <summary>Calls <paramref name="handler"/> with the user's unread count whenever it changes; dispose to stop.</summary>
    public IDisposable Subscribe(string userId, Func<int, Task> handler)
    {
        _views.AddOrUpdate(userId, [handler], (_, handlers) => handlers.Add(handler));
        return new Unsubscriber(() => _views.AddOrUpdate(userId, [], (_, handlers) => handlers.Remove(handler)));
    }

    public async Task PublishAsync(string userId, int unread)
    {
        foreach (var handler in _views.GetValueOrDefault(userId, []))
        {
            try
            {
                await handler(unread);
            }
            catch (Exception ex)
            {
                // One broken page must not stop the others' bells.
                logger.LogWarning(ex, "A bell failed to show a notification.");
            }
        }
    }

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
