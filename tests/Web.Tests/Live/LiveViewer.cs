using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Strata.Web.Live;

namespace Strata.Web.Tests.Live;

/// <summary>A client of the live hub, signed in as one user, with the folder events it has received.</summary>
public sealed record LiveViewer(HubConnection Connection, ChannelReader<FolderEvent> Changes) : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<LiveViewer> ConnectAsync(StrataAppFactory app, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        var server = app.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, LiveRegistration.HubPath), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Headers["Authorization"] = StrataAppFactory.BasicHeader(email, StrataAppFactory.Password).ToString();
            })
            .Build();
        var changes = Channel.CreateUnbounded<FolderEvent>();
        connection.On<FolderEvent>("FolderChanged", e => changes.Writer.TryWrite(e));
        await connection.StartAsync(Ct);
        return new LiveViewer(connection, changes.Reader);
    }

    public Task<FolderJoin> JoinAsync(string folder, long? after = null) => Connection.InvokeAsync<FolderJoin>("JoinFolder", folder, after, Ct);

    public async Task<FolderEvent> NextAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        return await Changes.ReadAsync(timeout.Token);
    }

    /// <summary>The next event that is not a <paramref name="type"/> (which may or may not still be on its way).</summary>
    public async Task<FolderEvent> NextAfterAsync(string type)
    {
        var next = await NextAsync();
        return next.Type == type ? await NextAsync() : next;
    }

    /// <summary>Every event received up to and including the first at <paramref name="path"/>.</summary>
    public async Task<IReadOnlyList<FolderEvent>> UntilAsync(string path)
    {
        var received = new List<FolderEvent>();
        do
        {
            received.Add(await NextAsync());
        }
        while (received[^1].Path != path);
        return received;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
