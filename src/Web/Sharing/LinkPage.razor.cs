using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.FeatureManagement;
using Strata.Domain.Sharing;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Sharing;

namespace Strata.Web.Sharing;

/// <summary>
/// A link's landing page for visitors without an account. Rendered statically (no circuit): the password form is a
/// real POST, so the proof can be set as an HttpOnly cookie scoped to this link, and the status code tells what
/// happened (401 password, 410 not available, 429 throttled, 503 links disabled).
/// </summary>
public sealed partial class LinkPage
{
    private PageState _state;
    private LinkVisit? _visit;
    private string? _error;

    private enum PageState
    {
        NotFound,
        Disabled,
        TooManyAttempts,
        PasswordRequired,
        Folder,
        File,
        Upload,
        UploadsDisabled,
    }

    [Inject]
    private LinkVisitor Visitor { get; set; } = default!;

    [Inject]
    private IFeatureManager Features { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Parameter]
    public string Token { get; set; } = string.Empty;

    [Parameter]
    public string? Path { get; set; }

    [SupplyParameterFromQuery]
    private int Skip { get; set; }

    [SupplyParameterFromForm(FormName = "unlock")]
    private string? Password { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (!await Features.IsEnabledAsync(FlagNames.PublicLinks))
        {
            Show(PageState.Disabled, StatusCodes.Status503ServiceUnavailable);
            return;
        }

        // Any kind opens here: an upload link shows its upload form, the others their contents.
        _visit = await Visitor.VisitAsync(HttpContext, Token, Path, cancellationToken, kind: null);
        ShowOutcome(_visit.Access.Outcome);
        if (_state == PageState.Upload && !await Features.IsEnabledAsync(FlagNames.UploadLinks))
        {
            Show(PageState.UploadsDisabled, StatusCodes.Status503ServiceUnavailable);
        }
    }

    private void ShowOutcome(LinkOutcome outcome)
    {
        switch (outcome)
        {
            case LinkOutcome.PasswordRequired:
                Show(PageState.PasswordRequired, StatusCodes.Status401Unauthorized);
                break;
            case LinkOutcome.TooManyAttempts:
                HttpContext.Response.Headers.RetryAfter = ((int)FailedAttempts.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                Show(PageState.TooManyAttempts, StatusCodes.Status429TooManyRequests);
                break;
            // An upload link has no pages below its own: what its folder holds is none of the visitor's business.
            case LinkOutcome.Ok when _visit is { Succeeded: true, Access.Kind: LinkKind.Upload } && string.IsNullOrEmpty(Path):
                _state = PageState.Upload;
                break;
            case LinkOutcome.Ok when _visit is { Succeeded: true, Access.Kind: LinkKind.Download }:
                _state = _visit.Item!.IsFolder ? PageState.Folder : PageState.File;
                break;
            default:
                // 410 rather than 404: Blazor sends a page's 404 without a body, and the visitor must read why.
                Show(PageState.NotFound, StatusCodes.Status410Gone);
                break;
        }
    }

    /// <summary>The password form's post: right, and the visitor is sent back to the page with the cookie; wrong, and the form says so.</summary>
    private async Task UnlockAsync()
    {
        var outcome = await Visitor.UnlockAsync(HttpContext, Token, Password ?? string.Empty, HttpContext.RequestAborted);
        switch (outcome)
        {
            case LinkOutcome.Ok:
                // Post, redirect, get: the next request carries the cookie, and a reload does not post the password again.
                Navigation.NavigateTo(Navigation.Uri, forceLoad: true);
                break;
            case LinkOutcome.PasswordRequired:
                _error = "That password is not right.";
                break;
            default:
                ShowOutcome(outcome);
                break;
        }
    }

    private void Show(PageState state, int status)
    {
        _state = state;
        HttpContext.Response.StatusCode = status;
        // This page is the answer: the generic status-code body must not replace it.
        if (HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }
    }
}
