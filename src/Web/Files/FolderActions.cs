using MudBlazor;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Trash;
using Strata.Web.Sharing;

namespace Strata.Web.Files;

/// <summary>
/// What the folder view does to a selection beyond choosing it: new folder, rename, delete with undo, the
/// clipboard, sharing and links. Every step goes through the services, which apply the access rules; the outcome is told in a snackbar.
/// </summary>
internal sealed class FolderActions(FileService files, TrashService trash, FileClipboard clipboard, IDialogService dialogs, ISnackbar snackbar, Caller caller)
{
    private bool _linkDialogOpen;

    public async Task NewFolderAsync(NodePath folder, CancellationToken cancellationToken)
    {
        if (await AskNameAsync("New folder", string.Empty, "Create") is not { } name)
        {
            return;
        }

        var result = folder.TryAppend(name, out var path, out var error)
            ? await files.CreateFolderAsync(caller, path, cancellationToken)
            : Result<NodeInfo>.Fail(ResultStatus.Invalid, error);
        snackbar.Report(result, $"Created '{name}'.");
    }

    public async Task RenameAsync(NodeInfo item, CancellationToken cancellationToken)
    {
        if (await AskNameAsync("Rename", item.Name, "Rename") is not { } name || name == item.Name)
        {
            return;
        }

        var source = NodePath.Parse(item.Path);
        var result = source.Parent.TryAppend(name, out var target, out var error)
            ? await files.MoveAsync(caller, source, target, cancellationToken)
            : Result<NodeInfo>.Fail(ResultStatus.Invalid, error);
        snackbar.Report(result, $"Renamed to '{name}'.");
    }

    /// <summary>Deletes to the trash and offers Undo, which restores exactly the items just deleted, then calls <paramref name="undone"/>.</summary>
    public async Task DeleteAsync(IReadOnlyList<NodeInfo> items, Func<Task> undone, CancellationToken cancellationToken)
    {
        var trashed = new List<long>();
        foreach (var item in items)
        {
            var result = await files.TrashAsync(caller, NodePath.Parse(item.Path), WriteConditions.None, cancellationToken);
            if (result.Succeeded)
            {
                trashed.Add(result.Value.Id);
            }
            else
            {
                snackbar.ShowFailure(result);
            }
        }

        if (trashed.Count > 0)
        {
            snackbar.Add(trashed.Count == 1 ? "Moved to trash." : $"Moved {trashed.Count} items to trash.", Severity.Normal, options =>
            {
                options.Action = "Undo";
                options.OnClick = async _ =>
                {
                    await RestoreAsync(trashed, cancellationToken);
                    await undone();
                };
            });
        }
    }

    private async Task RestoreAsync(IReadOnlyList<long> trashed, CancellationToken cancellationToken)
    {
        foreach (var id in trashed)
        {
            var restored = await trash.RestoreAsync(caller, id, cancellationToken);
            if (!restored.Succeeded)
            {
                snackbar.ShowFailure(restored);
            }
        }
    }

    /// <summary>Ctrl+C and Ctrl+X: the selection waits on the clipboard for a Ctrl+V in the folder it should go to.</summary>
    public void Take(IReadOnlyCollection<NodeInfo> items, TransferMode mode, bool mayRemove)
    {
        if (items.Count == 0)
        {
            return;
        }

        if (mode == TransferMode.Move && !mayRemove)
        {
            snackbar.Add("You may not move what is selected; Ctrl+C copies it.", Severity.Warning);
            return;
        }

        clipboard.Take(items.ToList(), mode);
        var what = items.Count == 1 ? $"'{items.First().Name}'" : $"{items.Count} items";
        snackbar.Add(mode == TransferMode.Move ? $"Cut {what}: Ctrl+V in a folder moves it there." : $"Copied {what}: Ctrl+V in a folder copies it there.", Severity.Info);
    }

    /// <summary>Ctrl+V: what was copied comes here (and may come again elsewhere); what was cut moves here, once.</summary>
    public async Task PasteAsync(NodePath folder, CancellationToken cancellationToken)
    {
        var (items, mode) = (clipboard.Items, clipboard.Mode);
        if (items.Count == 0)
        {
            return;
        }

        if (mode == TransferMode.Move)
        {
            clipboard.Clear();
        }

        await TransferAsync(items, folder, mode, cancellationToken);
    }

    /// <summary>Pasted or dropped items go where they were put, without the folder picker.</summary>
    public Task TransferAsync(IReadOnlyList<NodeInfo> items, NodePath destination, TransferMode mode, CancellationToken cancellationToken) =>
        new SelectionTransfer(files, dialogs, snackbar, caller).RunAsync(items, destination, mode, cancellationToken);

    public Task PickAndTransferAsync(IReadOnlyList<NodeInfo> items, NodePath folder, TransferMode mode, CancellationToken cancellationToken) =>
        new SelectionTransfer(files, dialogs, snackbar, caller).PickAndRunAsync(items, folder, mode, cancellationToken);

    public async Task ShareAsync(NodePath folder)
    {
        var parameters = new DialogParameters<ShareDialog> { { d => d.Caller, caller }, { d => d.Folder, folder } };
        await (await dialogs.ShowAsync<ShareDialog>($"Manage access to {folder.Name}", parameters, ShareDialog.Options)).Result;
    }

    public async Task GetLinkAsync(NodeInfo item)
    {
        // A double click reaches the button twice before the dialog covers it: the second must not stack another dialog.
        if (_linkDialogOpen)
        {
            return;
        }

        _linkDialogOpen = true;
        try
        {
            await (await dialogs.ShowAsync<LinkDialog>("Get link", new DialogParameters<LinkDialog> { { d => d.Item, item }, { d => d.Caller, caller } }, LinkDialog.Options)).Result;
        }
        finally
        {
            _linkDialogOpen = false;
        }
    }

    private async Task<string?> AskNameAsync(string title, string initial, string action)
    {
        var dialog = await dialogs.ShowAsync<NameDialog>(title, new DialogParameters<NameDialog>
        {
            { d => d.Initial, initial },
            { d => d.Action, action },
        });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string name } ? name : null;
    }
}
