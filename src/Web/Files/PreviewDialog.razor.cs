using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Previews;
using Strata.Web.Comments;
using Strata.Web.Identity;

namespace Strata.Web.Files;

public sealed partial class PreviewDialog
{
    private Caller? _caller;
    private PinSurface _surface;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private RenditionService Renditions { get; set; } = default!;

    [Parameter, EditorRequired]
    public NodeInfo Item { get; set; } = default!;

    public static DialogOptions Options => new()
    {
        MaxWidth = MaxWidth.Large,
        FullWidth = true,
        CloseButton = true,
    };

    protected override async Task OnParametersSetAsync()
    {
        _caller = (await AuthenticationState).User.ToCaller();
        // Comments pin to what PreviewContent shows as a picture (an image, a document's pages) or as a video.
        _surface = Renditions.HasPages(Item.ContentType) ? PinSurface.Picture : PreviewKinds.Of(Item) switch
        {
            PreviewKind.Image => PinSurface.Picture,
            PreviewKind.Video => PinSurface.Video,
            _ => PinSurface.None,
        };
    }
}
