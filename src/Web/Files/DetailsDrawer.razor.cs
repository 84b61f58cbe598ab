using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.FeatureManagement;
using Microsoft.JSInterop;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Previews;
using Strata.Infrastructure.Dav;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Previews;
using Strata.Infrastructure.Sharing;
using Strata.Web.Components.Layout;
using Strata.Web.Flags;
using Strata.Web.Identity;
using Strata.Web.Sharing;

namespace Strata.Web.Files;

public sealed partial class DetailsDrawer
{
    private NodeInfo? _item;
    private Caller? _caller;
    private IReadOnlyList<VersionInfo> _versions = [];
    private IReadOnlyDictionary<string, string> _names = new Dictionary<string, string>();
    private string? _createdBy;
    private string? _access;
    private string? _problem;
    private (string? Path, bool Open) _loaded;
    private PreviewState? _preview;
    private MediaInfo? _media;
    private int _tab;
    private bool _commentsOn;
    private bool _tasksOn;

    /// <summary>The folder whose access the caller may manage from the Sharing tab (the item, or a file's folder); null when they may not.</summary>
    private NodePath? _manageable;

    /// <summary>Where the item's picture is: shown when ready, otherwise said (being made, or why it failed).</summary>
    private sealed record PreviewState(RenditionStatus? Status, string? Href, string? FailureReason);

    [Inject]
    private FileService Files { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    [Inject]
    private PermissionService Permissions { get; set; } = default!;

    [Inject]
    private RenditionService Renditions { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private IFeatureManager Features { get; set; } = default!;

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

        // Another item opens on its Details tab: a tab kept from the last one may not exist for this one (Versions of a folder).
        if (_loaded.Path != ItemPath)
        {
            _tab = 0;
        }

        _loaded = (ItemPath, Open);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        (_item, _versions, _createdBy, _problem, _preview, _media, _manageable) = (null, [], null, null, null, null, null);
        if (!NodePath.TryParse(ItemPath, out var path, out _) || path.IsRoot)
        {
            _problem = "Select one item to see its details.";
            return;
        }

        var user = (await AuthenticationState).User;
        var caller = _caller = user.ToCaller();
        _commentsOn = await Features.IsEnabledAsync(FlagNames.Comments, UserTargetingContext.For(user));
        _tasksOn = await Features.IsEnabledAsync(FlagNames.Tasks, UserTargetingContext.For(user));
        var found = await Files.GetAsync(caller, path, CancellationToken.None);
        if (!found.Succeeded)
        {
            _problem = found.Detail ?? "This item is gone.";
            return;
        }

        _item = found.Value;
        if (!_item.IsFolder && await Files.ListVersionsAsync(caller, path, CancellationToken.None) is { Succeeded: true } versions)
        {
            _versions = versions.Value;
        }

        var creator = _versions.Count > 0 ? _versions[^1].CreatedBy : null;
        _names = await Users.NamesAsync(_versions.Select(v => v.CreatedBy).Append(_item.ModifiedBy), CancellationToken.None);
        _createdBy = creator is null ? null : UserDirectory.Display(_names, creator);
        _access = await AccessAsync(caller, _item);
        _preview = await PreviewAsync(_item);
        _media = !_item.IsFolder && _item.ContentHash is { } hash && Renditions.HasMediaInfo(_item.ContentType)
            ? await Renditions.ReadMediaInfoAsync(hash, CancellationToken.None)
            : null;
    }

    private async Task<PreviewState?> PreviewAsync(NodeInfo item)
    {
        if (item.IsFolder || item.ContentHash is not { } hash || !Renditions.HasRenderer(item.ContentType))
        {
            return null;
        }

        var rendition = await Renditions.FindAsync(hash, RenditionSize.Preview, CancellationToken.None);
        return new PreviewState(rendition?.Status, FolderPath.ThumbnailHref(item, RenditionSize.Preview), rendition?.FailureReason);
    }

    /// <summary>
    /// Who may reach the item. A private area is its user's, and under /Shared a folder without grants is everyone's;
    /// a folder's grants restrict or extend that. A manager sees the grants, anyone else learns only that the folder
    /// is shared with them.
    /// </summary>
    private async Task<string> AccessAsync(Caller caller, NodeInfo item)
    {
        var path = NodePath.Parse(item.Path);
        var folder = item.IsFolder ? path : path.Parent;
        var owner = path.PrivateOwner;
        string? holders;
        if (await Permissions.ListAsync(caller, folder, CancellationToken.None) is { Succeeded: true } grants)
        {
            // Listing a folder's grants takes the right to manage it, so it also decides the Sharing tab's button.
            _manageable = folder;
            holders = grants.Value.Count == 0 ? null : Holders(grants.Value);
        }
        else
        {
            var shared = await Permissions.SharedWithMeAsync(caller, CancellationToken.None);
            holders = shared.Where(f => folder.IsSameOrDescendantOf(NodePath.Parse(f.Path))).OrderByDescending(f => f.Path.Length).FirstOrDefault() is { } through
                ? $"you ({through.Level})"
                : null;
        }

        return (owner, holders) switch
        {
            (null, null) => "Everyone (shared)",
            (null, _) => "Restricted: shared with " + holders,
            (_, null) => $"Private to {owner}",
            _ => $"Private to {owner}, shared with " + holders,
        };
    }

    /// <summary>
    /// The grants that reach a folder (nearest last) as who holds what: per user or group the most generous grant
    /// wins and an explicit None below resets what came from above (README, Folder permissions).
    /// </summary>
    private static string Holders(IReadOnlyList<GrantView> grants)
    {
        var held = new Dictionary<(PrincipalKind Kind, string Name), AccessLevel>();
        foreach (var grant in grants)
        {
            var key = (grant.Kind, grant.Name);
            held[key] = grant.Level == AccessLevel.None ? AccessLevel.None : (AccessLevel)Math.Max((int)held.GetValueOrDefault(key), (int)grant.Level);
        }

        var holders = held.Where(h => h.Value > AccessLevel.None)
            .OrderByDescending(h => h.Value).ThenBy(h => h.Key.Name, StringComparer.Ordinal)
            .Select(h => h.Key.Kind == PrincipalKind.Group ? $"{h.Key.Name} (group, {h.Value})" : $"{h.Key.Name} ({h.Value})")
            .ToList();
        return holders.Count == 0 ? "administrators only" : string.Join(", ", holders);
    }

    private string DavUrl(string path) => Navigation.BaseUri.TrimEnd('/') + "/dav" + FsApi.EncodePath(path);

    private Task CopyAsync(string text) => Js.CopyAsync(Snackbar, text, "WebDAV address");

    private async Task RestoreAsync(VersionInfo version)
    {
        var caller = (await AuthenticationState).User.ToCaller();
        var result = await Files.RestoreVersionAsync(caller, NodePath.Parse(_item!.Path), version.Number, CancellationToken.None);
        if (result.Succeeded)
        {
            Snackbar.Add($"Version {version.Number} restored as version {result.Value.Version}.", Severity.Success);
        }
        else
        {
            Snackbar.Add(result.Detail ?? "The version could not be restored.", Severity.Error);
        }

        await LoadAsync();
        await Changed.InvokeAsync();
    }

    private async Task ShareAsync(NodePath folder)
    {
        var parameters = new DialogParameters<ShareDialog> { { d => d.Caller, _caller! }, { d => d.Folder, folder } };
        await (await Dialogs.ShowAsync<ShareDialog>($"Manage access to {folder.Name}", parameters, ShareDialog.Options)).Result;
        _access = await AccessAsync(_caller!, _item!);
    }

    private Task CloseAsync() => OpenChanged.InvokeAsync(false);

    private Task CloseOnEscapeAsync(KeyboardEventArgs e) => e.Key == "Escape" ? CloseAsync() : Task.CompletedTask;
}
