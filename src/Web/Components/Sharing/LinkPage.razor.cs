using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.FeatureManagement;
using Strata.Infrastructure.Sharing;
using Strata.Web.Sharing;
using FlagNames = Strata.Infrastructure.Flags.Flags;

namespace Strata.Web.Components.Sharing;

/// <summary>
/// A link's landing page for visitors without an account. Rendered statically (no circuit): the password form is a
/// real POST, so the proof can be set as an HttpOnly cookie scoped to this link, and the status code tells what
/// happened (401 password, 404 not available, 429 throttled, 503 links disabled).
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

        if (HttpMethods.IsPost(HttpContext.Request.Method) && !string.IsNullOrEmpty(Password))
        {
            var outcome = await Visitor.UnlockAsync(HttpContext, Token, Password, cancellationToken);
            if (outcome == LinkOutcome.Ok)
            {
                // Post, redirect, get: the next request carries the cookie, and a reload does not post the password again.
                Navigation.NavigateTo(Navigation.Uri, forceLoad: true);
                return;
            }

            _error = outcome == LinkOutcome.PasswordRequired ? "That password is not right." : null;
        }

        _visit = await Visitor.VisitAsync(HttpContext, Token, Path, cancellationToken);
        switch (_visit.Access.Outcome)
        {
            case LinkOutcome.PasswordRequired:
                Show(PageState.PasswordRequired, StatusCodes.Status401Unauthorized);
                break;
            case LinkOutcome.TooManyAttempts:
                HttpContext.Response.Headers.RetryAfter = ((int)LinkService.FailureWindow.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                Show(PageState.TooManyAttempts, StatusCodes.Status429TooManyRequests);
                break;
            case LinkOutcome.Ok when _visit.Succeeded:
                _state = _visit.Item!.IsFolder ? PageState.Folder : PageState.File;
                break;
            default:
                Show(PageState.NotFound, StatusCodes.Status404NotFound);
                break;
        }
    }

    private void Show(PageState state, int status)
    {
        _state = state;
        HttpContext.Response.StatusCode = status;
    }
}
