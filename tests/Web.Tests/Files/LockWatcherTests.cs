using Microsoft.Extensions.Time.Testing;
using Strata.Infrastructure.Dav;
using Strata.Web.Files;

namespace Strata.Web.Tests.Files;

public sealed class LockWatcherTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly LockWatcher _watcher;
    private int _due;

    public LockWatcherTests() => _watcher = new LockWatcher(_clock, () =>
    {
        _due++;
        return Task.CompletedTask;
    });

    [Fact]
    public void The_view_reads_its_locks_again_when_the_first_one_is_due()
    {
        _watcher.Show([Lock("/Shared/a.txt", TimeSpan.FromMinutes(10)), Lock("/Shared/b.txt", TimeSpan.FromMinutes(3))]);

        _clock.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(1));
        _due.ShouldBe(0);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _due.ShouldBe(1);
    }

    [Fact]
    public void Showing_new_locks_replaces_the_timer_of_the_old_ones()
    {
        _watcher.Show([Lock("/Shared/a.txt", TimeSpan.FromMinutes(1))]);
        _watcher.Show([]);

        _clock.Advance(TimeSpan.FromHours(1));

        _due.ShouldBe(0);
    }

    [Fact]
    public void A_lock_already_past_its_expiry_is_due_at_once()
    {
        _watcher.Show([Lock("/Shared/a.txt", TimeSpan.FromSeconds(-5))]);

        _clock.Advance(TimeSpan.Zero);

        _due.ShouldBe(1);
    }

    [Fact]
    public void A_deep_lock_covers_what_lies_below_its_folder()
    {
        _watcher.Show([Lock("/Shared/Eng", TimeSpan.FromMinutes(5), deep: true)]);

        _watcher.On("/Shared/Eng/build/app.zip").ShouldNotBeNull();
        _watcher.On("/Shared/Sales/plan.txt").ShouldBeNull();
        _watcher.On(null).ShouldBeNull();
    }

    public void Dispose() => _watcher.Dispose();

    private DavLock Lock(string path, TimeSpan expiresIn, bool deep = false) => new()
    {
        Token = $"urn:uuid:{Guid.NewGuid()}",
        Path = path,
        PathKey = Strata.Domain.Files.NodePath.Parse(path).Key,
        IsDeep = deep,
        OwnerId = "u1",
        OwnerName = "alice",
        ExpiresAt = _clock.GetUtcNow() + expiresIn,
    };
}
