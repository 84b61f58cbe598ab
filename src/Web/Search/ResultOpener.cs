using Microsoft.AspNetCore.Components;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Web.Files;

namespace Strata.Web.Search;

/// <summary>Opens a result as the folder view opens an item: a folder by going to it, a file in the preview.</summary>
internal sealed class ResultOpener(NavigationManager navigation, IDialogService dialogs, FileService files, ISnackbar snackbar)
{
    public async Task OpenAsync(Caller caller, SearchResult result, CancellationToken cancellationToken)
    {
        if (result.Hit.IsFolder)
        {
            navigation.NavigateTo(FolderPath.Href(result.Hit.Path));
            return;
        }

        var item = result.Item;
        if (item is null && NodePath.TryParse(result.Hit.Path, out var path, out _))
        {
            var found = await files.GetAsync(caller, path, cancellationToken);
            item = found.Succeeded ? found.Value : null;
        }

        if (item is null)
        {
            snackbar.Add($"'{result.Hit.Name}' is no longer there.", Severity.Warning);
            return;
        }

        await dialogs.ShowAsync<PreviewDialog>(item.Name, new DialogParameters<PreviewDialog> { { d => d.Item, item } }, PreviewDialog.Options);
    }
}
