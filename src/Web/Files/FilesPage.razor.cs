using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using MudBlazor;
using MudBlazor.Extensions;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Dav;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Tags;
using Strata.Web.Identity;
using Strata.Web.Live;

namespace Strata.Web.Files;

/// <summary>
/// The folder view: a virtualised listing (<see cref="FolderContents"/>), selection with click, Ctrl and Shift
/// (<see cref="FolderSelection"/>), the keyboard of <see cref="FolderShortcuts"/>, and live refresh from the journal feed.
/// </summary>
public sealed partial class FilesPage
{
    // Set by wwwroot-assets/src/uploads.js when a row is dragged; the rows themselves are remembered here.
    private const string DraggedRowsType = "application/x-strata-rows";

    // Everything the page starts (queries, dialogs' work, the live feed) stops when the user leaves it.
    private readonly CancellationTokenSource _lifetime = new();
    private readonly CancellationToken _lifetimeToken;
    private readonly FolderSelection _selection;
    private FolderContents _contents = null!;
    private LockWatcher _locks = null!;
    private ListingScript _script = null!;
    private ListingLayout _layout = null!;
    private FolderActions _actions = null!;
    private readonly Guid _viewportListener = Guid.NewGuid();
    private Caller _caller = null!;

    /// <summary>The tags and stars of the rows loaded so far, by node id.</summary>
    private readonly Dictionary<long, ItemMarks> _marks = [];
    private AccessEvaluator? _access;
    private IReadOnlyList<(string Label, string Href)> _trail = [];
    private Virtualize<Row>? _virtualize;
    private FolderGrid? _gridView;
    private IReadOnlyList<NodeInfo>? _dragged;
    private MudMenu? _contextMenu;
    private NodeInfo? _contextItem;
    private ElementReference _listing;
    private IDisposable? _subscription;
    private CancellationTokenSource _refreshDebounce = new();
    private bool _revealFocus;
    private bool _details;
    private string? _detailsPath;
    private IReadOnlyDictionary<long, int> _openTasks = new Dictionary<long, int>();
    private bool _searchable;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter]
    public string? Path { get; set; }

    public FilesPage()
    {
        // Taken once: work still finishing after the page is left (OnAfterRenderAsync's awaits) gets a cancelled
        // token, where asking the disposed source for it would throw and end the whole circuit.
        _lifetimeToken = _lifetime.Token;
        _selection = new FolderSelection((start, count) => _contents.WindowAsync(start, count, Lifetime));
    }

    /// <summary>A row of the listing: its position (for Shift ranges and arrow keys) and the node.</summary>
    public sealed record Row(int Index, NodeInfo Item);

    private CancellationToken Lifetime => _lifetimeToken;

    private NodePath Folder => _contents.Folder;

    private FolderRights Rights => new(_access, _caller);

    protected override void OnInitialized()
    {
        _contents = new FolderContents(Files);
        _locks = new LockWatcher(Clock, () => InvokeAsync(ReloadLocksAsync));
        _script = new ListingScript(JS);
        _layout = new ListingLayout(Preferences, Viewport);
    }

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        _caller = user.ToCaller();
        _actions = new FolderActions(Files, Trash, Clipboard, Dialogs, Snackbar, _caller);
        _access = await Permissions.ForAsync(_caller, Lifetime);
        _searchable = await Features.IsEnabledAsync(Infrastructure.Flags.FlagNames.Search, Flags.UserTargetingContext.For(user));
        _selection.Reset();
        if (!await _contents.OpenAsync(_caller, Path, Lifetime))
        {
            return;
        }

        _trail = FolderPath.Trail(Folder).ToList();
        await LoadLocksAsync();
        _subscription?.Dispose();
        _subscription = FolderFeed.IsFeedFolder(Folder) ? await Live.SubscribeAsync(FolderFeed.GroupOf(Folder), Listener.Of(user), RefreshSoonAsync, Lifetime) : null;
        if (_virtualize is not null)
        {
            await _virtualize.RefreshDataAsync();
        }
    }

    private async ValueTask<ItemsProviderResult<Row>> LoadAsync(ItemsProviderRequest request)
    {
        var rows = await LoadRowsAsync(request.StartIndex, request.Count, request.CancellationToken);
        return new(rows, _contents.Total);
    }

    /// <summary>One window of the listing, for the list and the grid alike; the count under the listing follows it.</summary>
    private async Task<IReadOnlyList<Row>> LoadRowsAsync(int start, int count, CancellationToken cancellationToken)
    {
        var total = _contents.Total;
        var items = await _contents.WindowAsync(start, count, cancellationToken);
        if (total != _contents.Total)
        {
            await InvokeAsync(StateHasChanged);
        }

        if (!_contents.Folder.IsRoot && items.Count > 0)
        {
            // One query per window for the tags and stars its rows show.
            var marks = await TagService.ForNodesAsync(_caller, items.Select(item => item.Id).ToList(), cancellationToken);
            foreach (var item in items)
            {
                _marks[item.Id] = marks.GetValueOrDefault(item.Id, ItemMarks.None);
            }
        }

        return items.Select((item, i) => new Row(start + i, item)).ToList();
    }

    private ItemMarks MarksOf(NodeInfo item) => _marks.GetValueOrDefault(item.Id, ItemMarks.None);

    /// <summary>
    /// One query for the whole folder, the locks covering it or rooted below it: read when the folder is loaded or
    /// refreshed (granting or releasing a lock is journalled, so the live feed refreshes the folder), not per scroll window.
    /// </summary>
    private async Task LoadLocksAsync()
    {
        _locks.Show(Folder.IsRoot || _contents.Missing ? [] : await Locks.ForListingAsync(Folder, Lifetime));
        await LoadOpenTasksAsync();
    }

    /// <summary>
    /// The task badges' counts: one grouped query for the whole folder, read with the locks (task changes are journalled,
    /// so the live feed refreshes them); none while the Tasks flag is off for the user.
    /// </summary>
    private async Task LoadOpenTasksAsync()
    {
        var counts = Folder.IsRoot || _contents.Missing || !await Features.IsEnabledAsync(Infrastructure.Flags.FlagNames.Tasks, Flags.UserTargetingContext.For((await AuthenticationState).User))
            ? null
            : (await Tasks.OpenCountsAsync(_caller, Folder, Lifetime)).Value;
        _openTasks = counts?.ToDictionary(c => c.NodeId, c => c.Open) ?? new Dictionary<long, int>();
    }

    private async Task ReloadLocksAsync()
    {
        await LoadLocksAsync();
        StateHasChanged();
    }

    /// <summary>What the details drawer describes: the one selected item, else the item it was opened on.</summary>
    private string? DetailsPath => _selection.Only?.Path ?? _detailsPath;

    private async Task ReleaseLockAsync(DavLock held)
    {
        if (DavLockStore.CanRelease(_caller, held) && await Locks.UnlockAsync(held.Token, _caller, Lifetime))
        {
            Snackbar.Add($"Released the lock on {NodePath.Parse(held.Path).Name}.", Severity.Success);
        }

        await ReloadLocksAsync();
    }

    /// <summary>Bursts of changes (a folder upload) become one refresh.</summary>
    private async Task RefreshSoonAsync()
    {
        await _refreshDebounce.CancelAsync();
        _refreshDebounce = new CancellationTokenSource();
        try
        {
            await Task.Delay(150, _refreshDebounce.Token);
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
        _access = await Permissions.ForAsync(_caller, Lifetime);
        await LoadLocksAsync();
        await (_virtualize?.RefreshDataAsync() ?? Task.CompletedTask);
        await (_gridView?.RefreshDataAsync() ?? Task.CompletedTask);
        StateHasChanged();
    }

    /// <summary>Runs an action on the selection, then shows the folder as it left it, with nothing selected.</summary>
    private async Task ChangeAsync(Func<CancellationToken, Task> action)
    {
        await action(Lifetime);
        _selection.Clear();
        await RefreshAsync();
    }

    private Task SortAsync(ChildOrder order) => ChangeAsync(_ =>
    {
        _contents.SortBy(order);
        return Task.CompletedTask;
    });

    private Task SelectAsync(Row row, MouseEventArgs e) =>
        _selection.ClickAsync(row.Index, row.Item, extend: e.ShiftKey, toggle: e.CtrlKey || e.MetaKey);

    /// <summary>A right-click on a row outside the selection selects that row alone, as a desktop file manager does.</summary>
    private async Task ShowContextMenuAsync(Row row, MouseEventArgs e)
    {
        await _selection.PointAtAsync(row.Index, row.Item);
        _contextItem = row.Item;
        await _contextMenu!.OpenMenuAsync(e);
    }

    /// <summary>Folders navigate; files open in the preview, which offers the download.</summary>
    private async Task OpenAsync(NodeInfo item)
    {
        if (item.IsFolder)
        {
            await GoToAsync(item.Path);
            return;
        }

        await Dialogs.ShowAsync<PreviewDialog>(item.Name, new DialogParameters<PreviewDialog> { { d => d.Item, item } }, PreviewDialog.Options);
    }

    private Task GoToAsync(string folder)
    {
        Navigation.NavigateTo(FolderPath.Href(folder));
        return Task.CompletedTask;
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        var task = FolderShortcuts.Find(e, _layout.Grid) switch
        {
            FolderCommand.Down => MoveFocusAsync(_layout.Geometry.PerRow, e.ShiftKey),
            FolderCommand.Up => MoveFocusAsync(-_layout.Geometry.PerRow, e.ShiftKey),
            FolderCommand.Next => MoveFocusAsync(1, e.ShiftKey),
            FolderCommand.Previous => MoveFocusAsync(-1, e.ShiftKey),
            FolderCommand.PageDown => MovePageAsync(1, e.ShiftKey),
            FolderCommand.PageUp => MovePageAsync(-1, e.ShiftKey),
            FolderCommand.First => FocusOnAsync(0, e.ShiftKey),
            FolderCommand.Last => FocusOnAsync(_contents.Total - 1, e.ShiftKey),
            FolderCommand.Open => OpenFocusedAsync(),
            FolderCommand.Parent when !Folder.IsRoot => GoToAsync(Folder.Parent.Value),
            FolderCommand.SelectAll => _selection.SelectAllAsync(_contents.Total),
            FolderCommand.Rename => RenameSelectedAsync(),
            FolderCommand.Delete => DeleteSelectedAsync(),
            FolderCommand.Cut => TakeSelection(TransferMode.Move),
            FolderCommand.Copy => TakeSelection(TransferMode.Copy),
            FolderCommand.Paste => PasteAsync(),
            FolderCommand.Details => ShowDetails(),
            FolderCommand.Help => ShowShortcutsAsync(),
            FolderCommand.Close => CloseAsync(),
            _ => Task.CompletedTask,
        };
        await task;
    }

    private async Task OpenFocusedAsync()
    {
        if (_selection.Focus >= 0 && await _contents.WindowAsync(_selection.Focus, 1, Lifetime) is [var focused])
        {
            await OpenAsync(focused);
        }
    }

    /// <summary>The right-click menu opens without taking the focus, which stays on the listing; so does the details drawer.</summary>
    private async Task CloseAsync()
    {
        if (_contextMenu?.GetState(m => m.Open) == true)
        {
            await _contextMenu.CloseMenuAsync();
        }
        else
        {
            _details = false;
        }
    }

    private async Task ShowShortcutsAsync() =>
        await Dialogs.ShowAsync<ShortcutsDialog>("Keyboard shortcuts", new DialogOptions { MaxWidth = MaxWidth.Small });

    private Task PasteAsync() => ChangeAsync(token => _actions.PasteAsync(Folder, token));

    private Task TakeSelection(TransferMode mode)
    {
        _actions.Take(_selection.Items, mode, CanRemoveSelection);
        return Task.CompletedTask;
    }

    private Task MoveFocusAsync(int step, bool extend) => FocusOnAsync(_selection.Focus + step, extend);

    private async Task MovePageAsync(int direction, bool extend)
    {
        var rows = await _script.RowsInViewAsync(_listing, _layout.Geometry, Lifetime);
        await MoveFocusAsync(direction * rows * _layout.Geometry.PerRow, extend);
    }

    /// <summary>Moves the keyboard's focus to an item, selecting it (or, with Shift, up to it); the page then scrolls it into sight.</summary>
    private async Task FocusOnAsync(int index, bool extend) =>
        _revealFocus |= await _selection.FocusOnAsync(index, extend, _contents.Total);

    private bool CanWriteHere => !_contents.Missing && Rights.Allows(Folder, Operation.Write);

    private bool CanRemoveSelection => Rights.CanRemove(_selection.Items);

    private NodePath? ShareTarget => Rights.ShareTarget(_contents.Missing ? null : Folder, _selection.Items);

    private NodeInfo? ShareableSelection => Rights.Shareable(_selection.Items);

    private async Task ShareAsync(NodePath folder)
    {
        await _actions.ShareAsync(folder);
        await RefreshAsync();
    }

    /// <summary>The selection, or the open folder when nothing is selected; null when the link would be too long.</summary>
    private string? DownloadHref
    {
        get
        {
            var items = _selection.Count == 0 ? [(Folder.Value, true)] : _selection.Items.Select(i => (i.Path, i.IsFolder)).ToList();
            var href = FolderPath.DownloadSelectionHref(items);
            return href.Length <= FolderPath.MaxHrefLength ? href : null;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await Viewport.SubscribeAsync(_viewportListener, OnViewportChangedAsync, options: null, fireImmediately: false);
            await _layout.RestoreAsync();
            StateHasChanged();
        }

        if (!_contents.Missing)
        {
            await _script.AttachAsync(_listing, Lifetime);
        }

        if (_revealFocus)
        {
            _revealFocus = false;
            await _script.RevealAsync(_listing, _selection.Focus, _layout.Geometry, Lifetime);
        }
    }

    /// <summary>A rotated phone or resized window gets a new column count; the rows are re-cut to match.</summary>
    private async Task OnViewportChangedAsync(BrowserViewportEventArgs args)
    {
        if (_layout.Resize(args))
        {
            await InvokeAsync(RefreshAsync);
        }
    }

    private async Task SetGridAsync(bool grid)
    {
        await _layout.SetGridAsync(grid);
        StateHasChanged();
    }

    private Task TransferSelectedAsync(TransferMode mode) =>
        ChangeAsync(token => _actions.PickAndTransferAsync(_selection.Items.ToList(), Folder, mode, token));

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
        if (args.DataTransfer.Types.Contains(DraggedRowsType) && items is { Count: > 0 })
        {
            await ChangeAsync(token => _actions.TransferAsync(items, destination, args.CtrlKey ? TransferMode.Copy : TransferMode.Move, token));
        }
    }

    private Task ShowDetails()
    {
        if (_selection.Only is { } item)
        {
            (_detailsPath, _details) = (item.Path, true);
        }

        return Task.CompletedTask;
    }

    private Task NewFolderAsync() => ChangeAsync(token => _actions.NewFolderAsync(Folder, token));

    private Task RenameSelectedAsync() =>
        _selection.Only is { } item ? ChangeAsync(token => _actions.RenameAsync(item, token)) : Task.CompletedTask;

    private Task DeleteSelectedAsync() =>
        ChangeAsync(token => _actions.DeleteAsync(_selection.Items.ToList(), () => InvokeAsync(RefreshAsync), token));

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        // Fire and forget: the circuit may already be gone, and then there is nothing left to unsubscribe from.
        _ = Viewport.UnsubscribeAsync(_viewportListener);
        _subscription?.Dispose();
        _locks.Dispose();
        _refreshDebounce.Cancel();
        _refreshDebounce.Dispose();
        _lifetime.Dispose();
        await _script.DisposeAsync();
    }
}
