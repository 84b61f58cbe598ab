using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Web.Identity;

namespace Strata.Web.Live;

/// <summary>What the server calls on clients of <see cref="FolderEventsHub"/>.</summary>
public interface IFolderEventsClient
{
    Task FolderChanged(FolderEvent change);
}

/// <summary>
/// <c>/hubs/folders</c>: live changes of the folders a client has open. A client joins a folder it may
/// read, optionally with the last sequence it saw, and receives what it missed and then every change it may see.
/// </summary>
[Authorize]
public sealed class FolderEventsHub(FileService files, JournalBroadcaster broadcaster) : Hub<IFolderEventsClient>
{
    public async Task<FolderJoin> JoinFolder(string path, long? after)
    {
        var folder = await ReadableFolderAsync(path);
        return await broadcaster.JoinAsync(Context.ConnectionId, Listener.Of(Context.User!), FolderFeed.GroupOf(folder), after, Context.ConnectionAborted);
    }

    public void LeaveFolder(string path) => broadcaster.Leave(Context.ConnectionId, FolderFeed.GroupOf(ParseFolder(path)));

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        broadcaster.Forget(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private async Task<NodePath> ReadableFolderAsync(string path)
    {
        var folder = ParseFolder(path);
        var node = await files.GetAsync(Context.User!.ToCaller(), folder, Context.ConnectionAborted);
        if (!node.Succeeded || !node.Value.IsFolder)
        {
            // One answer for missing, hidden and not-a-folder: existence must not leak.
            throw new HubException($"No folder '{folder}'.");
        }

        return folder;
    }

    private static NodePath ParseFolder(string path)
    {
        if (!NodePath.TryParse(path, out var folder, out var error))
        {
            throw new HubException(error);
        }

        if (!FolderFeed.IsFeedFolder(folder))
        {
            throw new HubException($"'{folder}' has no live feed; join a folder inside /Shared or /Private/<you>.");
        }

        return folder;
    }
}
