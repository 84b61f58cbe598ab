using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Trash;
using Strata.Web.Files;
using Strata.Web.Identity;
using Strata.Workers.Trash;

namespace Strata.Web.Trash;

/// <summary>What the caller deleted (and what others deleted where the caller may look): restore, purge, empty.</summary>
public sealed partial class TrashPage
{
    private List<TrashItem> _items = [];
    private IReadOnlyDictionary<string, string> _names = new Dictionary<string, string>();
    private Caller _caller = null!;
    private bool _loading = true;

    [Inject]
    private TrashService Trash { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    [Inject]
    private IOptions<TrashOptions> TrashOptions { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string RetentionText => TrashOptions.Value.Retention is var retention && retention >= TimeSpan.FromDays(1)
        ? string.Create(CultureInfo.CurrentCulture, $"Items are deleted for good {retention.TotalDays:0.#} days after they were moved to the trash.")
        : string.Create(CultureInfo.CurrentCulture, $"Items are deleted for good {retention.TotalHours:0.#} hours after they were moved to the trash.");

    protected override async Task OnInitializedAsync()
    {
        _caller = (await AuthenticationState).User.ToCaller();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var items = new List<TrashItem>();
        await foreach (var item in Trash.ListTrashAsync(_caller, CancellationToken.None))
        {
            items.Add(item);
        }

        _names = await Users.NamesAsync(items.Select(i => i.TrashedBy), CancellationToken.None);
        _items = items;
        _loading = false;
    }

    private static string ParentOf(string path) => path.LastIndexOf('/') is > 0 and var slash ? path[..slash] : "/";

    private async Task RestoreAsync(TrashItem item)
    {
        var result = await Trash.RestoreAsync(_caller, item.Id, CancellationToken.None);
        if (result.Succeeded)
        {
            var restored = result.Value;
            Snackbar.Add($"Restored to {restored.Path}.", Severity.Success, options =>
            {
                options.Action = "Open folder";
                options.OnClick = _ =>
                {
                    Navigation.NavigateTo(FolderPath.Href(ParentOf(restored.Path)));
                    return Task.CompletedTask;
                };
            });
        }
        else
        {
            Snackbar.Add(result.Detail ?? "It could not be restored.", Severity.Error);
        }

        await LoadAsync();
    }

    private async Task PurgeAsync(TrashItem item)
    {
        if (!await ConfirmAsync("Delete forever?", $"'{item.Name}' will be deleted for good. This cannot be undone.", "Delete forever"))
        {
            return;
        }

        var result = await Trash.PurgeAsync(_caller, item.Id, CancellationToken.None);
        Snackbar.Add(result.Succeeded ? $"'{item.Name}' was deleted for good." : result.Detail ?? "It could not be deleted.",
            result.Succeeded ? Severity.Success : Severity.Error);
        await LoadAsync();
    }

    /// <summary>Purges what the caller may purge; items others deleted in shared folders may stay, and we say so.</summary>
    private async Task EmptyAsync()
    {
        if (!await ConfirmAsync("Empty trash?", $"All {_items.Count} items will be deleted for good. This cannot be undone.", "Empty trash"))
        {
            return;
        }

        var kept = (await Trash.EmptyAsync(_caller, CancellationToken.None)).Kept;
        Snackbar.Add(kept == 0 ? "The trash is empty." : $"{kept} items could not be deleted: you may not delete them.",
            kept == 0 ? Severity.Success : Severity.Warning);
        await LoadAsync();
    }

    private async Task<bool> ConfirmAsync(string title, string message, string action) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: action, cancelText: "Cancel") == true;
}
