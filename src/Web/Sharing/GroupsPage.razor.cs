using Microsoft.AspNetCore.Components;
using MudBlazor;
using Strata.Infrastructure.Sharing;
using Strata.Web.Files;

namespace Strata.Web.Sharing;

/// <summary>Groups for administrators: create, rename, delete, and open a group's members.</summary>
public sealed partial class GroupsPage
{
    private IReadOnlyList<GroupInfo> _groups = [];
    private bool _loading = true;
    private string _newName = string.Empty;

    [Inject]
    private GroupService Groups { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _groups = await Groups.ListAsync(CancellationToken.None);
        _loading = false;
    }

    private async Task CreateAsync()
    {
        if (Snackbar.Report(await Groups.CreateAsync(_newName, CancellationToken.None), $"Created group {_newName.Trim()}."))
        {
            _newName = string.Empty;
        }

        await LoadAsync();
    }

    private async Task RenameAsync(GroupInfo group)
    {
        var parameters = new DialogParameters<NameDialog>
        {
            { d => d.Initial, group.Name },
            { d => d.Action, "Rename" },
            { d => d.Check, GroupService.CheckName },
        };
        var answer = await (await Dialogs.ShowAsync<NameDialog>("Rename group", parameters)).Result;
        if (answer is { Canceled: false, Data: string name } && name != group.Name)
        {
            Snackbar.Report(await Groups.RenameAsync(group.Id, name, CancellationToken.None), $"Renamed to {name.Trim()}.");
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(GroupInfo group)
    {
        var message = $"Members of {group.Name} lose every access granted to the group. This cannot be undone.";
        if (await Dialogs.ShowMessageBoxAsync("Delete group", message, yesText: "Delete", cancelText: "Cancel") != true)
        {
            return;
        }

        Snackbar.Report(await Groups.DeleteAsync(group.Id, CancellationToken.None), $"Deleted group {group.Name}.");
        await LoadAsync();
    }

    private async Task MembersAsync(GroupInfo group)
    {
        var parameters = new DialogParameters<GroupMembersDialog> { { d => d.GroupId, group.Id } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true };
        await (await Dialogs.ShowAsync<GroupMembersDialog>($"Members of {group.Name}", parameters, options)).Result;
        await LoadAsync();
    }
}
