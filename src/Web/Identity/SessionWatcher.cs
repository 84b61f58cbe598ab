using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Strata.Web.Identity;

/// <summary>
/// Sends an open page to the sign-in page, with a full load, once its session is revoked (account disabled, password
/// changed: <see cref="CircuitRevalidation"/> notices within a minute). Without it the page would carry on as nobody,
/// and the first call that needs the user would end in Blazor's error banner. Renders nothing.
/// </summary>
public sealed class SessionWatcher : ComponentBase, IDisposable
{
    public const string SignInPath = "/account/login";

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override void OnInitialized() => Authentication.AuthenticationStateChanged += OnChanged;

    public void Dispose() => Authentication.AuthenticationStateChanged -= OnChanged;

    private async void OnChanged(Task<AuthenticationState> changed)
    {
        try
        {
            if ((await changed).User.Identity?.IsAuthenticated == true)
            {
                return;
            }

            var back = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
            await InvokeAsync(() => Navigation.NavigateTo($"{SignInPath}?ReturnUrl={Uri.EscapeDataString(back)}", forceLoad: true));
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed first: there is no page left to move.
        }
    }
}
