using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Strata.Infrastructure.Files;
using Strata.Web.Identity;

namespace Strata.Web.Components.Files;

public sealed partial class PreviewDialog
{
    private PreviewKind _kind;
    private string? _text;
    private string? _markdownHtml;
    private string? _problem;
    private bool _truncated;

    [Inject]
    private FileService Files { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter, EditorRequired]
    public NodeInfo Item { get; set; } = default!;

    private string InlineHref => FolderPath.DownloadHref(Item.Path) + "?inline=1";

    public static DialogOptions Options => new()
    {
        MaxWidth = MaxWidth.Large,
        FullWidth = true,
        CloseButton = true,
        CloseOnEscapeKey = true,
    };

    protected override async Task OnParametersSetAsync()
    {
        _kind = PreviewKinds.Of(Item);
        if (_kind is not (PreviewKind.Text or PreviewKind.Markdown))
        {
            return;
        }

        var caller = (await AuthenticationState).User.ToCaller();
        var loaded = await TextPreview.LoadAsync(Files, caller, Item.Path, CancellationToken.None);
        if (!loaded.Succeeded)
        {
            _problem = loaded.Detail ?? "The file could not be read.";
            return;
        }

        if (loaded.Value!.Binary)
        {
            _problem = "This file holds binary data; download it to open it.";
            return;
        }

        (_text, _truncated) = (loaded.Value.Text, loaded.Value.Truncated);
        _markdownHtml = _kind == PreviewKind.Markdown ? TextPreview.RenderMarkdown(_text) : null;
    }
}
