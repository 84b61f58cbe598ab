using Strata.Domain.Files;
using Strata.Infrastructure.Dav;

namespace Strata.Web.Files;

/// <summary>
/// The WebDAV locks a view shows, with a timer for the first one due. Expiry is not journalled, and neither is a
/// refresh, which moves it; so the view reads its locks again when the first one it shows is due (<paramref name="due"/>):
/// an expired lock leaves the view, a refreshed one stays with its new expiry.
/// </summary>
public sealed class LockWatcher(TimeProvider clock, Func<Task> due) : IDisposable
{
    private IReadOnlyList<DavLock> _locks = [];
    private ITimer? _timer;

    public void Show(IReadOnlyList<DavLock> locks)
    {
        ArgumentNullException.ThrowIfNull(locks);
        _timer?.Dispose();
        _timer = null;
        _locks = locks;
        if (locks.Count > 0)
        {
            var wait = locks.Min(l => l.ExpiresAt) - clock.GetUtcNow();
            _timer = clock.CreateTimer(_ => _ = due(), null, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The lock over an entry, if any (its own, or a depth-infinity lock on an ancestor).</summary>
    public DavLock? On(string? path) =>
        _locks.Count == 0 || path is null ? null : _locks.FirstOrDefault(l => DavLockQueries.Covers(l, NodePath.Parse(path)));

    public void Dispose() => _timer?.Dispose();
}
