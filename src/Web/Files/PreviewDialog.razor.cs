using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Web.Identity;

namespace Strata.Web.Files;

public sealed partial class PreviewDialog
{
    private Caller? _caller;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter, EditorRequired]
    public NodeInfo Item { get; set; } = default!;

    public static DialogOptions Options => new()
    {
        MaxWidth = MaxWidth.Large,
        FullWidth = true,
        CloseButton = true,
    };

    protected override async Task OnParametersSetAsync() => _caller = (await AuthenticationState).User.ToCaller();
}
