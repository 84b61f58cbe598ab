using Microsoft.AspNetCore.Components;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Sharing;
using Strata.Web.Files;

namespace Strata.Web.Sharing;

/// <summary>
/// The "Manage access" dialog. Every read and change goes through <see cref="PermissionService"/>, which
/// refuses callers who may not manage the folder, exactly as the permissions API does.
/// </summary>
public sealed partial class ShareDialog
{
    private const int SuggestionLimit = 10;

    /// <summary>From least to most generous, with "no access" first: the order people read a scale in.</summary>
    private static readonly AccessLevel[] Levels = Enum.GetValues<AccessLevel>();

    private IReadOnlyList<GrantView> _grants = [];
    private PrincipalChoice? _candidate;
    private AccessLevel _newLevel = AccessLevel.Viewer;
    private string? _error;

    [Inject]
    private PermissionService Permissions { get; set; } = default!;

    [Inject]
    private UserDirectory Directory { get; set; } = default!;

    [Inject]
    private GroupService Groups { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public Caller Caller { get; set; } = default!;

    [Parameter, EditorRequired]
    public NodePath Folder { get; set; } = default!;

    public static DialogOptions Options { get; } = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true };

    /// <summary>A user or group offered by the search; <see cref="ToString"/> is what the field shows.</summary>
    public sealed record PrincipalChoice(PrincipalKind Kind, string Name, string Label)
    {
        public PrincipalName Principal => new(Kind, Name);

        public override string ToString() => Label;
    }

    protected override Task OnInitializedAsync() => LoadAsync();

    internal static string Label(AccessLevel level) => level == AccessLevel.None ? "No access" : level.ToString();

    private async Task LoadAsync()
    {
        var result = await Permissions.ListAsync(Caller, Folder, CancellationToken.None);
        _grants = result.Value ?? [];
        _error = result.Succeeded ? null : result.Detail ?? "You may not manage this folder.";
    }

    private async Task<IEnumerable<PrincipalChoice>> SearchAsync(string? term, CancellationToken cancellationToken)
    {
        var groups = await Groups.SearchNamesAsync(term, SuggestionLimit, cancellationToken);
        var users = await Directory.SearchAsync(term, SuggestionLimit, cancellationToken);
        return groups.Select(g => new PrincipalChoice(PrincipalKind.Group, g, $"{g} (group)"))
            .Concat(users.Select(u => new PrincipalChoice(PrincipalKind.User, u.UserName, u.ToString())));
    }

    private async Task AddAsync()
    {
        if (_candidate is { } candidate && await SetAsync(candidate.Principal, _newLevel))
        {
            _candidate = null;
        }
    }

    private Task<bool> ChangeAsync(GrantView grant, AccessLevel level) => SetAsync(new PrincipalName(grant.Kind, grant.Name), level);

    private async Task<bool> SetAsync(PrincipalName principal, AccessLevel level)
    {
        var result = await Permissions.SetAsync(Caller, Folder, principal, level, CancellationToken.None);
        return await ReportAsync(result, $"{principal.Name}: {Label(level)}.");
    }

    private async Task RemoveAsync(GrantView grant)
    {
        var result = await Permissions.RemoveAsync(Caller, Folder, new PrincipalName(grant.Kind, grant.Name), CancellationToken.None);
        await ReportAsync(result, $"Removed {grant.Name}.");
    }

    private async Task<bool> ReportAsync(Result<GrantView> result, string success)
    {
        var succeeded = Snackbar.Report(result, success);
        await LoadAsync();
        return succeeded;
    }
}
