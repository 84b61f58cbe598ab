using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.FeatureManagement;
using Microsoft.JSInterop;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Search.Index;
using Strata.Web.Components;
using Strata.Web.Flags;
using Strata.Web.Identity;

namespace Strata.Web.Search;

/// <summary>An entry of the box's list: a result, or (with no <see cref="Result"/>) "All N results" for <see cref="Query"/>.</summary>
public sealed record SearchChoice(string Query, SearchResult? Result, int Total = 0, string? Error = null);

public sealed partial class SearchBox : IAsyncDisposable
{
    /// <summary>As many as fit under the bar on a laptop screen; the results page has the rest.</summary>
    private const int Shown = 8;

    private bool _enabled;
    private bool _expanded;
    private bool _focusOnRender;
    private Caller _caller = null!;
    private MudAutocomplete<SearchChoice>? _box;
    private ElementReference _root;
    private IJSObjectReference? _module;
    private ResultOpener _opener = null!;

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
    private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _caller = user.ToCaller();
        _enabled = await Features.IsEnabledAsync(FlagNames.Search, UserTargetingContext.For(user));
        _opener = new ResultOpener(Navigation, Dialogs, Files, Snackbar);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_enabled && _module is null && RendererInfo.IsInteractive)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/search.js");
            await _module.InvokeVoidAsync("attachSearchBox", _root);
        }

        // The field is hidden on a phone until the icon opens it, and only a drawn field takes the focus.
        if (_focusOnRender && _box is not null)
        {
            _focusOnRender = false;
            await _box.FocusAsync();
        }
    }

    private async Task<IEnumerable<SearchChoice>> SearchAsync(string text, CancellationToken cancellationToken)
    {
        var results = await SearchResults.ReadAsync(Search, Files, _caller, new SearchAddress(text).ToRequest(Shown), cancellationToken);
        return [new SearchChoice(text, null, results.Total, results.Error), .. results.Items.Select(r => new SearchChoice(text, r))];
    }

    private static string AllLabel(SearchChoice all) => all switch
    {
        { Error: not null } => $"Search for \u201c{all.Query}\u201d",
        { Total: 0 } => "No results",
        { Total: 1 } => "1 result",
        _ => string.Create(CultureInfo.CurrentCulture, $"All {all.Total:N0} results"),
    };

    /// <summary>
    /// The box keeps the words typed, not the entry chosen (its value stays null), so that a search can go on from
    /// where it was; the entry only says where to go.
    /// </summary>
    private async Task ChooseAsync(SearchChoice? choice)
    {
        if (choice is null)
        {
            return;
        }

        _expanded = false;
        if (choice.Result is { } result)
        {
            // The box hands the keyboard to the preview: left focused under it, it would take the Escape that closes it.
            await _box!.BlurAsync();
            await _opener.OpenAsync(_caller, result, CancellationToken.None);
        }
        else
        {
            Navigation.NavigateTo(new SearchAddress(choice.Query).Href);
        }
    }

    private void Expand() => (_expanded, _focusOnRender) = (true, true);

    private void Collapse() => _expanded = false;

    public async ValueTask DisposeAsync()
    {
        await _module.DisposeQuietlyAsync();
    }
}
