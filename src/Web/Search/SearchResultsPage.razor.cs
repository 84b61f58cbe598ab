using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.FeatureManagement;
using Microsoft.JSInterop;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Search.Index;
using Strata.Web.Components;
using Strata.Web.Files;
using Strata.Web.Flags;
using Strata.Web.Identity;

namespace Strata.Web.Search;

/// <summary>
/// <c>/search</c>: the results of a search kept in the address (<see cref="SearchAddress"/>), with filters that edit it,
/// sorting, and more results on request.
/// </summary>
public sealed partial class SearchResultsPage : IAsyncDisposable
{
    private const int PageSize = 25;

    /// <summary>The query language in one line, under the field.</summary>
    private const string Syntax =
        "Words, \"a phrase\", prefix*, -exclude, type:pdf, tag:release, in:/Shared/Eng, modified:>2026-01-01, owner:ann, size:>100MB";

    /// <summary>The kinds <c>type:</c> knows (the index's SearchKinds), and PDF, the extension most asked for.</summary>
    private static readonly (string Value, string Label)[] Types =
    [
        ("folder", "Folders"), ("document", "Documents"), ("pdf", "PDF"), ("spreadsheet", "Spreadsheets"), ("presentation", "Presentations"),
        ("image", "Images"), ("video", "Videos"), ("audio", "Audio"), ("text", "Text"), ("archive", "Archives"),
    ];

    private static readonly (string Value, string Label)[] Sizes =
    [
        ("<1MB", "Under 1 MB"), (">=1MB", "1 MB or more"), (">=100MB", "100 MB or more"), (">=1GB", "1 GB or more"),
    ];

    private bool _enabled;
    private bool _loading;
    private bool _filtersOpen;
    private Caller _caller = null!;
    private string? _typed;
    private SearchResults? _results;
    private List<SearchResult> _shown = [];
    private string? _next;
    private ElementReference _list;
    private IJSObjectReference? _module;
    private ResultOpener _opener = null!;
    private CancellationTokenSource _loads = new();

    [SupplyParameterFromQuery(Name = "q")]
    private string? Q { get; set; }

    [SupplyParameterFromQuery(Name = "path")]
    private string? PathQuery { get; set; }

    [SupplyParameterFromQuery(Name = "type")]
    private string? TypeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "tag")]
    private string? TagQuery { get; set; }

    [SupplyParameterFromQuery(Name = "modified")]
    private string? ModifiedQuery { get; set; }

    [SupplyParameterFromQuery(Name = "size")]
    private string? SizeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "owner")]
    private string? OwnerQuery { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    private string? SortQuery { get; set; }

    [Inject]
    private SearchService Search { get; set; } = default!;

    [Inject]
    private FileService Files { get; set; } = default!;

    [Inject]
    private IFeatureManager Features { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private SearchAddress Address { get; set; } = new();

    /// <summary>Relative to today, written as the dates the query language takes.</summary>
    private (string Value, string Label)[] ModifiedChoices =>
    [
        (SearchAddress.ModifiedWithin(Clock.GetUtcNow(), 1), "Past 24 hours"),
        (SearchAddress.ModifiedWithin(Clock.GetUtcNow(), 7), "Past week"),
        (SearchAddress.ModifiedWithin(Clock.GetUtcNow(), 30), "Past month"),
        (SearchAddress.ModifiedWithin(Clock.GetUtcNow(), 365), "Past year"),
    ];

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _caller = user.ToCaller();
        _enabled = await Features.IsEnabledAsync(FlagNames.Search, UserTargetingContext.For(user));
        _opener = new ResultOpener(Navigation, Dialogs, Files, Snackbar);
    }

    protected override async Task OnParametersSetAsync()
    {
        Address = new SearchAddress(Q, PathQuery, TypeQuery, TagQuery, ModifiedQuery, SizeQuery, OwnerQuery, SortQuery);
        _typed = Q;
        await _loads.CancelAsync();
        _loads.Dispose();
        _loads = new CancellationTokenSource();
        (_results, _shown, _next) = (null, [], null);
        if (_enabled && !Address.IsEmpty)
        {
            _results = await SearchResults.ReadAsync(Search, Files, _caller, Address.ToRequest(PageSize), _loads.Token);
            (_shown, _next) = ([.. _results.Items], _results.NextCursor);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_shown.Count > 0 && RendererInfo.IsInteractive)
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/listing.js");
            await _module.InvokeVoidAsync("watchThumbnails", _list, null);
        }
    }

    private async Task LoadMoreAsync()
    {
        _loading = true;
        try
        {
            var more = await SearchResults.ReadAsync(Search, Files, _caller, Address.ToRequest(PageSize, _next), _loads.Token);
            _shown.AddRange(more.Items);
            _next = more.NextCursor;
        }
        finally
        {
            _loading = false;
        }
    }

    private Task SubmitAsync() => FilterAsync(Address with { Q = _typed });

    private Task FilterAsync(SearchAddress address)
    {
        Navigation.NavigateTo(address.Href);
        return Task.CompletedTask;
    }

    private async Task PickFolderAsync()
    {
        var picker = await Dialogs.ShowAsync<FolderPickerDialog>("Search in folder", new DialogParameters<FolderPickerDialog>
        {
            { d => d.Action, "Search here" },
            { d => d.Start, Address.Path ?? "/" },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await picker.Result is { Canceled: false, Data: NodePath folder })
        {
            await FilterAsync(Address with { Path = folder.Value });
        }
    }

    private Task OpenAsync(SearchResult result) => _opener.OpenAsync(_caller, result, _loads.Token);

    private static string TotalLabel(int total) => total == 1 ? "1 result" : string.Create(CultureInfo.CurrentCulture, $"{total:N0} results");

    public async ValueTask DisposeAsync()
    {
        await _loads.CancelAsync();
        _loads.Dispose();
        await _module.DisposeQuietlyAsync();
    }
}
