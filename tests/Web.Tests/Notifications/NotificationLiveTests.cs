using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Strata.Infrastructure.Notifications;
using Strata.Web.Notifications;

namespace Strata.Web.Tests.Notifications;

/// <summary>New notifications reach the recipient's open pages over <c>/hubs/notifications</c>, and nobody else's.</summary>
public sealed class NotificationLiveTests : NotificationScenario
{
    [Fact]
    public async Task A_mention_reaches_the_recipients_connections_with_the_unread_count_and_not_others()
    {
        await using var bob = await ConnectAsync("bob@strata.test");
        await using var alice = await ConnectAsync("alice@strata.test");
        var sent = Stopwatch.StartNew();

        await WriteEventAsync("CommentAdded", Report, AliceId, new() { ["commentId"] = "1", ["threadId"] = "1", ["mentions"] = BobId, ["excerpt"] = "look" });

        var (notification, unread) = await NextAsync(bob.Received, n => n.Path == Report);
        sent.Stop();
        notification.Kind.ShouldBe("mention");
        notification.Excerpt.ShouldBe("look");
        unread.ShouldBe((await PageAsync(Bob)).GetProperty("unread").GetInt32());
        TestContext.Current.SendDiagnosticMessage($"mention to bell: {sent.ElapsedMilliseconds} ms");
        await CatchUpAsync(Alice, AliceId);
        // The hub may deliver the marker a moment after the API lists it; what alice hears first must be the marker.
        var (first, _) = await NextAsync(alice.Received, _ => true);
        first.Path.ShouldNotBe(Report);
    }

    [Fact]
    public async Task Reading_all_tells_the_users_other_pages_the_new_count()
    {
        await using var bob = await ConnectAsync("bob@strata.test");
        await WriteEventAsync("CommentAdded", Report, AliceId, new() { ["commentId"] = "1", ["threadId"] = "1", ["mentions"] = BobId });
        await NextAsync(bob.Received, n => n.Path == Report);

        (await Bob.PostAsync(new Uri("/api/v1/notifications/read-all", UriKind.Relative), null, Ct)).EnsureSuccessStatusCode();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        (await bob.Unread.ReadAsync(timeout.Token)).ShouldBe(0);
    }

    private async Task<Listener> ConnectAsync(string email)
    {
        var server = App.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, WebNotificationsRegistration.HubPath), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Headers["Authorization"] = StrataAppFactory.BasicHeader(email, StrataAppFactory.Password).ToString();
            })
            .Build();
        var received = Channel.CreateUnbounded<(NotificationView Notification, int Unread)>();
        var unread = Channel.CreateUnbounded<int>();
        connection.On<NotificationView, int>(nameof(INotificationsClient.NotificationReceived), (n, count) => received.Writer.TryWrite((n, count)));
        connection.On<int>(nameof(INotificationsClient.UnreadChanged), count => unread.Writer.TryWrite(count));
        await connection.StartAsync(Ct);
        return new Listener(connection, received.Reader, unread.Reader);
    }

    private static async Task<(NotificationView Notification, int Unread)> NextAsync(
        ChannelReader<(NotificationView Notification, int Unread)> received, Func<NotificationView, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            var next = await received.ReadAsync(timeout.Token);
            if (match(next.Notification))
            {
                return next;
            }
        }
    }

    private sealed record Listener(HubConnection Connection, ChannelReader<(NotificationView Notification, int Unread)> Received, ChannelReader<int> Unread)
        : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
