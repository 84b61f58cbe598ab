using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Dav;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Identity;
using Strata.Web.Components.Layout;
using Strata.Web.Files;
using Strata.Web.Identity;

namespace Strata.Web.Components.Files;

public sealed partial class DetailsDrawer
{
    private NodeInfo? _item;
    private Caller? _caller;
    private IReadOnlyList<VersionInfo> _versions = [];
    private IReadOnlyDictionary<string, string> _names = new Dictionary<string, string>();
    private string? _createdBy;
    private string? _problem;
    private (string? Path, bool Open) _loaded;

    [Inject]
    private FileService Files { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter]
    public bool Open { get; set; }

    [Parameter]
    public EventCallback<bool> OpenChanged { get; set; }

    /// <summary>The namespace path of the item to describe; the drawer loads it fresh, so it never shows a stale snapshot.</summary>
    [Parameter]
    public string? ItemPath { get; set; }

    /// <summary>The item's WebDAV lock, if any, from the page (which reads the folder's locks once for the listing).</summary>
    [Parameter]
    public DavLock? Lock { get; set; }

    [Parameter]
    public EventCallback<DavLock> OnReleaseLock { get; set; }

    /// <summary>Raised after the drawer changed the item (a version restored), so the listing can refresh.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        // Loads only when opened or pointed at another item: re-rendering the page must not re-query.
        if (!Open || _loaded == (ItemPath, Open))
        {
            _loaded = (ItemPath, Open);
            return;
        }

        _loaded = (ItemPath, Open);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        (_item, _versions, _createdBy, _problem) = (null, [], null, null);
        if (!NodePath.TryParse(ItemPath, out var path, out _) || path.IsRoot)
        {
            _problem = "Select one item to see its details.";
            return;
        }

        var caller = _caller = (await AuthenticationState).User.ToCaller();
        var found = await Files.GetAsync(caller, path, CancellationToken.None);
        if (!found.Succeeded)
        {
            _problem = found.Detail ?? "This item is gone.";
            return;
        }

        _item = found.Value!;
        if (!_item.IsFolder && await Files.ListVersionsAsync(caller, path, CancellationToken.None) is { Succeeded: true } versions)
        {
            _versions = versions.Value!;
        }

        var creator = _versions.Count > 0 ? _versions[^1].CreatedBy : null;
        _names = await Users.NamesAsync(_versions.Select(v => v.CreatedBy).Append(_item.ModifiedBy), CancellationToken.None);
        _createdBy = creator is null ? null : UserDirectory.Display(_names, creator);
    }

    /// <summary>A private area belongs to its user; everything under /Shared to the team.</summary>
    private static string Owner(string path) => NodePath.Parse(path).PrivateOwner ?? "Everyone (shared)";

    private string DavUrl(string path) => Navigation.BaseUri.TrimEnd('/') + "/dav" + FsApi.EncodePath(path);

    private Task CopyAsync(string text) => Js.CopyAsync(Snackbar, text, "WebDAV address");

    private async Task RestoreAsync(VersionInfo version)
    {
        var caller = (await AuthenticationState).User.ToCaller();
        var result = await Files.RestoreVersionAsync(caller, NodePath.Parse(_item!.Path), version.Number, CancellationToken.None);
        if (result.Succeeded)
        {
            Snackbar.Add($"Version {version.Number} restored as version {result.Value!.Version}.", Severity.Success);
        }
        else
        {
            Snackbar.Add(result.Detail ?? "The version could not be restored.", Severity.Error);
        }

        await LoadAsync();
        await Changed.InvokeAsync();
    }

    private Task CloseAsync() => OpenChanged.InvokeAsync(false);

    private Task CloseOnEscapeAsync(KeyboardEventArgs e) => e.Key == "Escape" ? CloseAsync() : Task.CompletedTask;
}
