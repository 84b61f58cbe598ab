using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement.FeatureFilters;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Web.Live;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Live;

public sealed class JournalBroadcasterTests : TeamScenario
{
    private static readonly Listener Bobs = new(new Caller("bob-id", "bob", IsAdmin: false), new TargetingContext { UserId = "bob" });

    private readonly SqlCommandCounter _counter;

    public JournalBroadcasterTests()
    {
        _counter = SqlCommandCounter.AttachTo(App);

        // The notification follower reads the journal whether anyone listens or not; this counts the broadcaster's reads.
        var earlier = App.ConfigureTestServices;
        App.ConfigureTestServices = services =>
        {
            earlier?.Invoke(services);
            services.Remove(services.Single(d => d.ImplementationType == typeof(Strata.Web.Notifications.NotificationFollower)));
        };
    }

    /// <summary>The view subscribes to a folder's group as the file manager does; delivery is live (bench/ measures how fast).</summary>
    [Fact]
    public async Task Nobody_listening_means_no_polling_and_the_first_listener_hears_what_comes_next()
    {
        var broadcaster = App.Services.GetRequiredService<JournalBroadcaster>();
        var idle = _counter.JournalCommands;
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        _counter.JournalCommands.ShouldBe(idle);
        (await Alice.MkdirAsync("/Shared/Team/before")).EnsureSuccessStatusCode();
        var heard = Channel.CreateUnbounded<bool>();

        using var subscription = await broadcaster.SubscribeAsync(FolderFeed.GroupOf(NodePath.Parse("/Shared/Team")), Bobs, () => heard.Writer.WriteAsync(true, Ct).AsTask(), Ct);
        (await Alice.MkdirAsync("/Shared/Team/after")).EnsureSuccessStatusCode();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10)); // bench/ measures the delay; CI machines are slow
        await heard.Reader.ReadAsync(timeout.Token);
        _counter.JournalCommands.ShouldBeGreaterThan(idle);
    }

    /// <summary>A view of one item (the comments panel) hears only the events it asks for, not its neighbours'.</summary>
    [Fact]
    public async Task A_filtered_subscription_hears_only_the_events_it_accepts()
    {
        var broadcaster = App.Services.GetRequiredService<JournalBroadcaster>();
        var wanted = NodePath.Parse("/Shared/Team/b");
        var heard = Channel.CreateUnbounded<bool>();

        using var subscription = await broadcaster.SubscribeAsync(
            FolderFeed.GroupOf(NodePath.Parse("/Shared/Team")), Bobs, change => change.PathKey == wanted.Key, () => heard.Writer.WriteAsync(true, Ct).AsTask(), Ct);
        (await Alice.MkdirAsync("/Shared/Team/a")).EnsureSuccessStatusCode();
        (await Alice.MkdirAsync("/Shared/Team/b")).EnsureSuccessStatusCode();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        await heard.Reader.ReadAsync(timeout.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        heard.Reader.TryRead(out _).ShouldBeFalse("the event about /Shared/Team/a reached a view that did not ask for it");
    }
}
