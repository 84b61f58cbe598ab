using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Infrastructure.Tags;
using Strata.Web.Files;
using Strata.Web.Identity;

namespace Strata.Web.Tags;

/// <summary>Tag administration: every shared and restricted tag with its use; rename, recolour, re-scope and merge.</summary>
public sealed partial class TagsAdminPage
{
    private IReadOnlyList<TagSummary> _tags = [];
    private Caller _caller = default!;
    private bool _loading = true;

    [Inject]
    private TagService Tags { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _caller = (await AuthenticationState).User.ToCaller();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var result = await Tags.AdministeredAsync(_caller, CancellationToken.None);
        if (result.Succeeded)
        {
            _tags = result.Value;
        }
        else
        {
            Snackbar.ShowFailure(result);
        }

        _loading = false;
    }

    private async Task EditAsync(TagSummary tag)
    {
        var parameters = new DialogParameters<TagEditDialog> { { d => d.Tag, tag }, { d => d.Caller, _caller } };
        var options = new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseButton = true };
        var answer = await (await Dialogs.ShowAsync<TagEditDialog>($"Edit tag {tag.Name}", parameters, options)).Result;
        if (answer is { Canceled: false, Data: TagView changed })
        {
            Snackbar.Add($"Saved the tag {changed.Name}.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task MergeAsync(TagSummary tag)
    {
        var parameters = new DialogParameters<TagMergeDialog>
        {
            { d => d.Source, tag },
            { d => d.Targets, _tags.Where(t => t.Id != tag.Id).ToList() },
            { d => d.Caller, _caller },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseButton = true };
        var answer = await (await Dialogs.ShowAsync<TagMergeDialog>($"Merge tag {tag.Name}", parameters, options)).Result;
        if (answer is { Canceled: false, Data: TagView target })
        {
            Snackbar.Add($"Merged {tag.Name} into {target.Name}.", Severity.Success);
            await LoadAsync();
        }
    }
}
