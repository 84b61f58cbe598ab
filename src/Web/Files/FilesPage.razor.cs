using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using Microsoft.JSInterop;
using MudBlazor;
using MudBlazor.Extensions;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Dav;
using Strata.Infrastructure.Files;
using Strata.Web.Identity;
using Strata.Web.Live;
using Strata.Web.Sharing;

namespace Strata.Web.Files;

/// <summary>
/// The folder view: a virtualised listing (only the visible window is queried, so a folder of 100,000
/// entries opens as fast as one of ten), selection with click, Ctrl and Shift, keyboard commands, and
/// live refresh from the journal feed.
/// </summary>
public sealed partial class FilesPage
{
    private readonly FolderSelection _selection;
    private IReadOnlyList<DavLock> _locks = [];
    private ITimer? _lockExpiry;
    private Virtualize<Row>? _virtualize;
    private Caller _caller = null!;
    private AccessEvaluator? _access;
    private NodePath _folder = NodePath.Root;
    private long _folderId;
    private IReadOnlyList<(string Label, string Href)> _trail = [];

    /// <summary>The height of a row of the list, which Virtualize needs fixed (app.css).</summary>
    private const int RowHeight = 40;

    // Set by wwwroot-assets/src/uploads.js when a row is dragged; the rows themselves are remembered here.
    private const string DraggedRowsType = "application/x-strata-rows";
    private IReadOnlyList<NodeInfo>? _dragged;
    private MudMenu? _contextMenu;
    private NodeInfo? _contextItem;
    private ChildOrder _order = ChildOrder.Name;
    private bool _descending;
    private bool _missing;
    private int _total;
    private bool _revealFocus;
    private ElementReference _listing;
    private IJSObjectReference? _listingScript;
    private bool _preventKeyDefault;
    private IDisposable? _subscription;
    private CancellationTokenSource _refreshDebounce = new();
    private bool _details;
    private bool _grid;
    private bool _linkDialogOpen;
    private int _columns = 4;
    private FolderGrid? _gridView;
    private readonly Guid _viewportListener = Guid.NewGuid();
    private string? _detailsPath;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter]
    public string? Path { get; set; }

    public FilesPage() => _selection = new FolderSelection(WindowAsync);

    /// <summary>A row of the listing: its position (for Shift ranges and arrow keys) and the node.</summary>
    public sealed record Row(int Index, NodeInfo Item);

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        _caller = user.ToCaller();
        _access = await Permissions.ForAsync(_caller, CancellationToken.None);
        _selection.Reset();
        _missing = false;
        if (!NodePath.TryParse(Path, out var folder, out _))
        {
            _missing = true;
            return;
        }

        _folder = folder;
        _trail = FolderPath.Trail(folder).ToList();
        await ResolveFolderAsync();
        await LoadLocksAsync();
        _subscription?.Dispose();
        _subscription = FolderFeed.IsFeedFolder(folder) ? await Live.SubscribeAsync(FolderFeed.GroupOf(folder), Listener.Of(user), RefreshSoonAsync, CancellationToken.None) : null;
        if (_virtualize is not null)
        {
            await _virtualize.RefreshDataAsync();
        }
    }

    private async Task ResolveFolderAsync()
    {
        if (_folder.IsRoot)
        {
            _folderId = 0;
            return;
        }

        var node = await Files.GetAsync(_caller, _folder, CancellationToken.None);
        _missing = !node.Succeeded || !node.Value.IsFolder;
        _folderId = node.Value?.Id ?? 0;
    }

    private async ValueTask<ItemsProviderResult<Row>> LoadAsync(ItemsProviderRequest request)
    {
        var rows = await LoadRowsAsync(request.StartIndex, request.Count, request.CancellationToken);
        return new(rows, _total);
    }

    /// <summary>One window of the listing, for the list and the grid alike; keeps <see cref="_total"/> current.</summary>
    private async Task<IReadOnlyList<Row>> LoadRowsAsync(int start, int count, CancellationToken cancellationToken)
    {
        if (_missing)
        {
            _total = 0;
            return [];
        }

        var page = _folder.IsRoot
            ? await RootAsync(cancellationToken)
            : await Files.ListChildrenPageAsync(_caller, _folderId, _folder, _order, _descending, start, count, cancellationToken);
        if (_total != page.Total)
        {
            _total = page.Total;
            await InvokeAsync(StateHasChanged);
        }

        var items = _folder.IsRoot ? page.Items.Skip(start).Take(count) : page.Items;
        return items.Select((item, i) => new Row(start + i, item)).ToList();
    }

    /// <summary>
    /// One query for the whole folder, the locks covering it or rooted below it: read when the folder is loaded or
    /// refreshed (granting or releasing a lock is journalled, so the live feed refreshes the folder), not per scroll window.
    /// </summary>
    private async Task LoadLocksAsync()
    {
        _locks = _folder.IsRoot || _missing ? [] : await Locks.ForListingAsync(_folder, CancellationToken.None);
        WatchLockExpiry();
    }

    /// <summary>
    /// Expiry is not journalled, and neither is a refresh, which moves it; so the view reads its locks again when
    /// the first one it shows is due: an expired lock leaves the view, a refreshed one stays with its new expiry.
    /// </summary>
    private void WatchLockExpiry()
    {
        _lockExpiry?.Dispose();
        _lockExpiry = null;
        if (_locks.Count > 0)
        {
            var due = _locks.Min(l => l.ExpiresAt) - Clock.GetUtcNow();
            _lockExpiry = Clock.CreateTimer(_ => _ = InvokeAsync(ReloadLocksAsync), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task ReloadLocksAsync()
    {
        await LoadLocksAsync();
        StateHasChanged();
    }

    /// <summary>The WebDAV lock over an entry, if any (its own, or a depth-infinity lock on an ancestor).</summary>
    private DavLock? LockOn(string? path) =>
        _locks.Count == 0 || path is null ? null : _locks.FirstOrDefault(l => DavLockQueries.Covers(l, NodePath.Parse(path)));

    /// <summary>What the details drawer describes: the one selected item, else the item it was opened on.</summary>
    private string? DetailsPath => _selection.Only?.Path ?? _detailsPath;

    private async Task ReleaseLockAsync(DavLock held)
    {
        if (DavLockStore.CanRelease(_caller, held) && await Locks.UnlockAsync(held.Token, _caller, CancellationToken.None))
        {
            Snackbar.Add($"Released the lock on {NodePath.Parse(held.Path).Name}.", Severity.Success);
        }

        await ReloadLocksAsync();
    }

    private async Task<ChildrenPage> RootAsync(CancellationToken cancellationToken)
    {
        var areas = await Files.ListRootAsync(_caller, cancellationToken);
        return new ChildrenPage(areas, areas.Count);
    }

    /// <summary>Bursts of changes (a folder upload) become one refresh.</summary>
    private async Task RefreshSoonAsync()
    {
        await _refreshDebounce.CancelAsync();
        _refreshDebounce = new CancellationTokenSource();
        var token = _refreshDebounce.Token;
        try
        {
            await Task.Delay(150, token);
            await InvokeAsync(RefreshAsync);
        }
        catch (OperationCanceledException)
        {
            // A newer change will refresh.
        }
    }

    private async Task RefreshAsync()
    {
        // The live feed calls here when a grant changes too: the actions offered follow the rights of the moment.
        _access = await Permissions.ForAsync(_caller, CancellationToken.None);
        await LoadLocksAsync();
        if (_virtualize is not null)
        {
            await _virtualize.RefreshDataAsync();
        }

        if (_gridView is not null)
        {
            await _gridView.RefreshDataAsync();
        }

        StateHasChanged();
    }

    private async Task SortAsync(ChildOrder order)
    {
        (_order, _descending) = (order, order == _order && !_descending);
        _selection.Clear();
        await RefreshAsync();
    }

    private Task SelectAsync(Row row, MouseEventArgs e) =>
        _selection.ClickAsync(row.Index, row.Item, extend: e.ShiftKey, toggle: e.CtrlKey || e.MetaKey);

    /// <summary>A right-click on a row outside the selection selects that row alone, as a desktop file manager does.</summary>
    private async Task ShowContextMenuAsync(Row row, MouseEventArgs e)
    {
        await _selection.PointAtAsync(row.Index, row.Item);
        _contextItem = row.Item;
        await _contextMenu!.OpenMenuAsync(e);
    }

    private async Task<IReadOnlyList<NodeInfo>> WindowAsync(int start, int count) => _folder.IsRoot
        ? (await RootAsync(CancellationToken.None)).Items.Skip(start).Take(count).ToList()
        : (await Files.ListChildrenPageAsync(_caller, _folderId, _folder, _order, _descending, start, count, CancellationToken.None)).Items;

    /// <summary>Folders navigate; files open in the preview, which offers the download.</summary>
    private async Task OpenAsync(NodeInfo item)
    {
        if (item.IsFolder)
        {
            Navigation.NavigateTo(FolderPath.Href(item.Path));
            return;
        }

        await Dialogs.ShowAsync<PreviewDialog>(item.Name, new DialogParameters<PreviewDialog> { { d => d.Item, item } }, PreviewDialog.Options);
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        _preventKeyDefault = e.Key is "ArrowDown" or "ArrowUp" or "PageDown" or "PageUp" or "Home" or "End" or "Backspace" or "F2" || (_grid && e.Key is "ArrowLeft" or "ArrowRight")
            || ((e.CtrlKey || e.MetaKey) && e.Key is "a" or "A" or "c" or "C" or "x" or "X" or "v" or "V");
        switch (e.Key)
        {
            case "ArrowDown" or "ArrowUp":
                await MoveFocusAsync((e.Key == "ArrowDown" ? 1 : -1) * Geometry.PerRow, e.ShiftKey);
                break;
            case "ArrowRight" or "ArrowLeft" when _grid:
                await MoveFocusAsync(e.Key == "ArrowRight" ? 1 : -1, e.ShiftKey);
                break;
            case "PageDown" or "PageUp":
                var rows = await (await ListingScriptAsync()).InvokeAsync<int>("rowsInView", _listing, Geometry.RowHeight, Geometry.HeadHeight);
                await MoveFocusAsync((e.Key == "PageDown" ? rows : -rows) * Geometry.PerRow, e.ShiftKey);
                break;
            case "Home":
                await FocusOnAsync(0, e.ShiftKey);
                break;
            case "End":
                await FocusOnAsync(_total - 1, e.ShiftKey);
                break;
            case "Enter" when _selection.Focus >= 0:
                if ((await WindowAsync(_selection.Focus, 1)) is [var focused])
                {
                    await OpenAsync(focused);
                }

                break;
            case "Backspace" when !_folder.IsRoot:
                Navigation.NavigateTo(FolderPath.Href(_folder.Parent.Value));
                break;
            case "F2":
                await RenameSelectedAsync();
                break;
            case "Delete":
                await DeleteSelectedAsync();
                break;
            case "a" or "A" when e.CtrlKey || e.MetaKey:
                await _selection.SelectAllAsync(_total);
                break;
            case "i" when !e.CtrlKey && !e.MetaKey && !e.AltKey:
                ShowDetails();
                break;
            case "c" or "C" when e.CtrlKey || e.MetaKey:
                TakeSelection(TransferMode.Copy);
                break;
            case "x" or "X" when e.CtrlKey || e.MetaKey:
                TakeSelection(TransferMode.Move);
                break;
            case "v" or "V" when e.CtrlKey || e.MetaKey:
                await PasteAsync();
                break;

            case "?":
                await ShowShortcutsAsync();
                break;

            // The right-click menu opens without taking the focus, which stays here; so does the details drawer.
            case "Escape" when _contextMenu?.GetState(m => m.Open) == true:
                await _contextMenu.CloseMenuAsync();
                break;
            case "Escape" when _details:
                _details = false;
                break;
        }
    }

    private async Task ShowShortcutsAsync() =>
        await Dialogs.ShowAsync<ShortcutsDialog>("Keyboard shortcuts", new DialogOptions { MaxWidth = MaxWidth.Small });

    /// <summary>Ctrl+C and Ctrl+X: the selection waits on the clipboard for a Ctrl+V in the folder it should go to.</summary>
    private void TakeSelection(TransferMode mode)
    {
        if (_selection.Count == 0)
        {
            return;
        }

        if (mode == TransferMode.Move && !CanRemoveSelection)
        {
            Snackbar.Add("You may not move what is selected; Ctrl+C copies it.", Severity.Warning);
            return;
        }

        Clipboard.Take(_selection.Items.ToList(), mode);
        var what = _selection.Only is { } one ? $"'{one.Name}'" : $"{_selection.Count} items";
        Snackbar.Add(mode == TransferMode.Move ? $"Cut {what}: Ctrl+V in a folder moves it there." : $"Copied {what}: Ctrl+V in a folder copies it there.", Severity.Info);
    }

    /// <summary>Ctrl+V: what was copied comes here (and may come again elsewhere); what was cut moves here, once.</summary>
    private async Task PasteAsync()
    {
        var (items, mode) = (Clipboard.Items, Clipboard.Mode);
        if (items.Count == 0)
        {
            return;
        }

        if (mode == TransferMode.Move)
        {
            Clipboard.Clear();
        }

        await TransferAsync(items, _folder, mode);
    }

    /// <summary>Pasted or dropped items go where they were put, without the folder picker.</summary>
    private async Task TransferAsync(IReadOnlyList<NodeInfo> items, NodePath destination, TransferMode mode)
    {
        await new SelectionTransfer(Files, Dialogs, Snackbar, _caller).RunAsync(items, destination, mode, CancellationToken.None);
        _selection.Clear();
        await RefreshAsync();
    }

    private Task MoveFocusAsync(int step, bool extend) => FocusOnAsync(_selection.Focus + step, extend);

    /// <summary>Moves the keyboard's focus to an item, selecting it (or, with Shift, up to it); the page then scrolls it into sight.</summary>
    private async Task FocusOnAsync(int index, bool extend) =>
        _revealFocus |= await _selection.FocusOnAsync(index, extend, _total);

    // The actions offered follow the same rules the services enforce; hiding what would be refused is only a courtesy.
    private bool CanWriteHere => !_missing && Allows(_folder, Operation.Write);

    /// <summary>
    /// Whether rename, move and delete are offered, on each item's own right. Editors may remove only what they created,
    /// which a listing does not carry, and a folder may hold what the caller may not remove: they are offered the actions
    /// and the service decides per item, saying why it refuses.
    /// </summary>
    private bool CanRemoveSelection => _selection.Items.All(item => Allows(NodePath.Parse(item.Path), Operation.Rename, createdBy: _caller.UserId));

    /// <summary>The folder "Manage access" applies to: a single selected folder, or the open folder when nothing is selected.</summary>
    private NodePath? ShareTarget
    {
        get
        {
            var target = _selection.Count switch
            {
                0 when !_missing => _folder,
                1 when _selection.Only is { IsFolder: true } folder => NodePath.Parse(folder.Path),
                _ => null,
            };
            return target is not null && Allows(target, Operation.Manage) ? target : null;
        }
    }

    private bool Allows(NodePath path, Operation operation, string? createdBy = null) =>
        _access?.Evaluate(path, operation, createdBy) == AccessDecision.Allowed;

    private async Task ShareAsync(NodePath folder)
    {
        var parameters = new DialogParameters<ShareDialog> { { d => d.Caller, _caller }, { d => d.Folder, folder } };
        await (await Dialogs.ShowAsync<ShareDialog>($"Manage access to {folder.Name}", parameters, ShareDialog.Options)).Result;
        await RefreshAsync();
    }

    /// <summary>The selection, or the open folder when nothing is selected; null when the link would be too long.</summary>
    private string? DownloadHref
    {
        get
        {
            var items = _selection.Count == 0
                ? [(_folder.Value, true)]
                : _selection.Items.Select(i => (i.Path, i.IsFolder)).ToList();
            var href = FolderPath.DownloadSelectionHref(items);
            return href.Length <= FolderPath.MaxHrefLength ? href : null;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await Viewport.SubscribeAsync(_viewportListener, OnViewportChangedAsync, options: null, fireImmediately: false);
            if (await Preferences.GetAsync("view") == "grid")
            {
                await SetGridAsync(true);
            }
        }

        if (_revealFocus)
        {
            _revealFocus = false;
            await (await ListingScriptAsync()).InvokeVoidAsync("reveal", _listing, _selection.Focus, Geometry.RowHeight, Geometry.PerRow, Geometry.HeadHeight);
        }
    }

    /// <summary>The listing's rows as listing.js measures them: tiles in the grid, rows under a sticky header in the list.</summary>
    private (int RowHeight, int PerRow, int HeadHeight) Geometry => _grid ? (FolderGrid.TileHeight, _columns, 0) : (RowHeight, 1, RowHeight);

    private async Task<IJSObjectReference> ListingScriptAsync() =>
        _listingScript ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/listing.js");

    /// <summary>A rotated phone or resized window gets a new column count; the rows are re-cut to match.</summary>
    private async Task OnViewportChangedAsync(BrowserViewportEventArgs args)
    {
        var columns = GridColumns(args.BrowserWindowSize.Width);
        if (!_grid || columns == _columns)
        {
            return;
        }

        _columns = columns;
        await InvokeAsync(async () =>
        {
            StateHasChanged();
            await RefreshAsync();
        });
    }

    /// <summary>The choice is remembered per browser; the column count follows the window width at the time.</summary>
    private async Task SetGridAsync(bool grid)
    {
        if (grid)
        {
            var window = await Viewport.GetCurrentBrowserWindowSizeAsync();
            _columns = GridColumns(window.Width);
        }

        _grid = grid;
        await Preferences.SetAsync("view", grid ? "grid" : "list");
        StateHasChanged();
    }

    /// <summary>Tiles of at least 140 px in the content area (the navigation drawer takes 240 px from 960 px up).</summary>
    internal static int GridColumns(int windowWidth) =>
        Math.Clamp((windowWidth - (windowWidth >= 960 ? 240 : 0) - 40) / 140, 2, 12);

    private async Task TransferSelectedAsync(TransferMode mode)
    {
        await new SelectionTransfer(Files, Dialogs, Snackbar, _caller).PickAndRunAsync(_selection.Items.ToList(), _folder, mode, CancellationToken.None);
        _selection.Clear();
        await RefreshAsync();
    }

    /// <summary>A drag from a row carries that row, or the whole selection when the row is part of it.</summary>
    private void StartDrag(NodeInfo item) =>
        _dragged = _selection.Contains(item) ? _selection.Items.ToList() : [item];

    private Task DropOnAsync(NodeInfo target, DragEventArgs args) =>
        target.IsFolder ? DropIntoAsync(target.Path, args) : Task.CompletedTask;

    /// <summary>
    /// Rows dropped on a folder (a row, a tile or a step of the trail) move into it, or are copied with Ctrl held, as
    /// with "Move to…". Files dropped from the desktop are the uploader's (they carry no rows).
    /// </summary>
    private async Task DropIntoAsync(string folder, DragEventArgs args)
    {
        var destination = NodePath.Parse(folder);
        var items = _dragged?.Where(item => !NodePath.Parse(item.Path).Equals(destination)).ToList();
        _dragged = null;
        if (!args.DataTransfer.Types.Contains(DraggedRowsType) || items is not { Count: > 0 })
        {
            return;
        }

        await TransferAsync(items, destination, args.CtrlKey ? TransferMode.Copy : TransferMode.Move);
    }

    /// <summary>The folder of a step of the trail as a drop target, where the viewer may write (never the root).</summary>
    private string? TrailFolder(int step)
    {
        var folder = NodePath.Parse("/" + string.Join('/', _folder.Segments.Take(step).Select(s => s.Value)));
        return step > 0 && Allows(folder, Operation.Write) ? folder.Value : null;
    }

    /// <summary>The one selected item when the caller may manage it, and so may share it by link.</summary>
    private NodeInfo? ShareableSelection =>
        _selection.Only is { } item && Allows(NodePath.Parse(item.Path), Operation.Manage)
            ? item
            : null;

    private async Task GetLinkAsync(NodeInfo item)
    {
        // A double click reaches the button twice before the dialog covers it: the second must not stack another dialog.
        if (_linkDialogOpen)
        {
            return;
        }

        _linkDialogOpen = true;
        try
        {
            await (await Dialogs.ShowAsync<LinkDialog>("Get link", new DialogParameters<LinkDialog> { { d => d.Item, item }, { d => d.Caller, _caller } }, LinkDialog.Options)).Result;
        }
        finally
        {
            _linkDialogOpen = false;
        }
    }

    private void ShowDetails()
    {
        if (_selection.Only is { } item)
        {
            (_detailsPath, _details) = (item.Path, true);
        }
    }

    private async Task NewFolderAsync()
    {
        if (await AskNameAsync("New folder", string.Empty, "Create") is not { } name)
        {
            return;
        }

        var result = _folder.TryAppend(name, out var path, out var error)
            ? await Files.CreateFolderAsync(_caller, path, CancellationToken.None)
            : Result<NodeInfo>.Fail(ResultStatus.Invalid, error);
        Snackbar.Report(result, $"Created '{name}'.");
        await RefreshAsync();
    }

    private async Task RenameSelectedAsync()
    {
        if (_selection.Only is not { } item || await AskNameAsync("Rename", item.Name, "Rename") is not { } name || name == item.Name)
        {
            return;
        }

        var source = NodePath.Parse(item.Path);
        var result = source.Parent.TryAppend(name, out var target, out var error)
            ? await Files.MoveAsync(_caller, source, target, CancellationToken.None)
            : Result<NodeInfo>.Fail(ResultStatus.Invalid, error);
        Snackbar.Report(result, $"Renamed to '{name}'.");
        _selection.Clear();
        await RefreshAsync();
    }

    /// <summary>Deletes to the trash and offers Undo, which restores exactly the items just deleted.</summary>
    private async Task DeleteSelectedAsync()
    {
        var trashed = new List<long>();
        foreach (var item in _selection.Items.ToList())
        {
            var result = await Files.TrashAsync(_caller, NodePath.Parse(item.Path), WriteConditions.None, CancellationToken.None);
            if (result.Succeeded)
            {
                trashed.Add(result.Value.Id);
            }
            else
            {
                Snackbar.ShowFailure(result);
            }
        }

        _selection.Clear();
        await RefreshAsync();
        if (trashed.Count > 0)
        {
            Snackbar.Add(trashed.Count == 1 ? "Moved to trash." : $"Moved {trashed.Count} items to trash.", Severity.Normal, options =>
            {
                options.Action = "Undo";
                options.OnClick = _ => UndoDeleteAsync(trashed);
            });
        }
    }

    private async Task UndoDeleteAsync(IReadOnlyList<long> trashed)
    {
        foreach (var id in trashed)
        {
            var restored = await Trash.RestoreAsync(_caller, id, CancellationToken.None);
            if (!restored.Succeeded)
            {
                Snackbar.ShowFailure(restored);
            }
        }

        await InvokeAsync(RefreshAsync);
    }

    private async Task<string?> AskNameAsync(string title, string initial, string action)
    {
        var dialog = await Dialogs.ShowAsync<NameDialog>(title, new DialogParameters<NameDialog>
        {
            { d => d.Initial, initial },
            { d => d.Action, action },
        });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string name } ? name : null;
    }

    public async ValueTask DisposeAsync()
    {
        // Fire and forget: the circuit may already be gone, and then there is nothing left to unsubscribe from.
        _ = Viewport.UnsubscribeAsync(_viewportListener);
        _subscription?.Dispose();
        _lockExpiry?.Dispose();
        _refreshDebounce.Cancel();
        _refreshDebounce.Dispose();
        if (_listingScript is not null)
        {
            try
            {
                await _listingScript.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser has gone, and the module with it.
            }
        }
    }
}
