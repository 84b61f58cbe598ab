using MudBlazor;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Files;

namespace Strata.Web.Files;

public enum TransferMode
{
    Move,
    Copy,
}

public enum ConflictChoice
{
    KeepBoth,
    Replace,
    Skip,
}

public sealed record ConflictAnswer(ConflictChoice Choice, bool ForAll);

/// <summary>
/// Moves or copies a selection into a folder the user picks (or dropped it on), asking what to do when a name is
/// taken there. Every step goes through <see cref="FileService"/>, which applies the access rules.
/// </summary>
internal sealed class SelectionTransfer(FileService files, IDialogService dialogs, ISnackbar snackbar, Caller caller)
{
    private ConflictChoice? _remembered;

    public async Task PickAndRunAsync(IReadOnlyList<NodeInfo> items, NodePath currentFolder, TransferMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(currentFolder);
        if (items.Count == 0)
        {
            return;
        }

        var verb = mode == TransferMode.Move ? "Move" : "Copy";
        var what = items.Count == 1 ? $"'{items[0].Name}'" : $"{items.Count} items";
        var picker = await dialogs.ShowAsync<FolderPickerDialog>($"{verb} {what} to…", new DialogParameters<FolderPickerDialog>
        {
            { d => d.Action, $"{verb} here" },
            { d => d.Start, currentFolder.Value },
            // A folder cannot go into itself, whether moved or copied.
            { d => d.Excluded, items.Where(i => i.IsFolder).Select(i => i.Path).ToList() },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await picker.Result is { Canceled: false, Data: NodePath destination })
        {
            await RunAsync(items, destination, mode, cancellationToken);
        }
    }

    public async Task RunAsync(IReadOnlyList<NodeInfo> items, NodePath destination, TransferMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var (done, skipped, failures) = (0, 0, new List<string>());
        for (var i = 0; i < items.Count; i++)
        {
            var result = await TransferOneAsync(items[i], destination, mode, items.Count - i - 1, cancellationToken);
            if (result is null)
            {
                skipped++;
            }
            else if (result.Succeeded)
            {
                done++;
            }
            else
            {
                failures.Add($"{items[i].Name}: {result.Detail}");
            }
        }

        Report(mode, destination, done, skipped, failures);
    }

    /// <summary>Null when skipped (by the user, or a move to where the item already is).</summary>
    private async Task<Result<NodeInfo>?> TransferOneAsync(NodeInfo item, NodePath destination, TransferMode mode, int remaining, CancellationToken cancellationToken)
    {
        var source = NodePath.Parse(item.Path);
        if (mode == TransferMode.Move && source.Parent.Equals(destination))
        {
            return null;
        }

        if (!destination.TryAppend(item.Name, out var target, out var error))
        {
            return Result<NodeInfo>.Fail(ResultStatus.Invalid, error);
        }

        if (await files.GetAsync(caller, target, cancellationToken) is { Succeeded: true } existing)
        {
            var canReplace = !item.IsFolder && !existing.Value.IsFolder;
            switch (await ChooseAsync(item.Name, destination, canReplace, remaining))
            {
                case ConflictChoice.Skip:
                    return null;
                case ConflictChoice.Replace:
                    return await files.ReplaceContentAsync(caller, source, target, removeSource: mode == TransferMode.Move, cancellationToken);
                case ConflictChoice.KeepBoth:
                    target = await files.AvailablePathAsync(target, cancellationToken);
                    break;
            }
        }

        return mode == TransferMode.Move
            ? await files.MoveAsync(caller, source, target, cancellationToken)
            : await files.CopyAsync(caller, source, target, cancellationToken);
    }

    private async Task<ConflictChoice> ChooseAsync(string name, NodePath folder, bool canReplace, int remaining)
    {
        if (_remembered is { } remembered && (remembered != ConflictChoice.Replace || canReplace))
        {
            return remembered;
        }

        var dialog = await dialogs.ShowAsync<ConflictDialog>("Name already taken", new DialogParameters<ConflictDialog>
        {
            { d => d.Name, name },
            { d => d.Folder, folder.Value },
            { d => d.CanReplace, canReplace },
            { d => d.Remaining, remaining },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, BackdropClick = false });
        if (await dialog.Result is not { Canceled: false, Data: ConflictAnswer answer })
        {
            return ConflictChoice.Skip;
        }

        _remembered = answer.ForAll ? answer.Choice : null;
        return answer.Choice;
    }

    private void Report(TransferMode mode, NodePath destination, int done, int skipped, List<string> failures)
    {
        var verb = mode == TransferMode.Move ? "Moved" : "Copied";
        if (done > 0)
        {
            snackbar.Add($"{verb} {(done == 1 ? "1 item" : $"{done} items")} to {destination.Value}.", Severity.Success);
        }

        if (skipped > 0)
        {
            snackbar.Add($"{skipped} skipped.", Severity.Info);
        }

        foreach (var failure in failures)
        {
            snackbar.Add(failure, Severity.Error);
        }
    }
}
