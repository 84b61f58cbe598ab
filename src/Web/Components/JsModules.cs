using Microsoft.JSInterop;

namespace Strata.Web.Components;

public static class JsModules
{
    /// <summary>
    /// Releases a page's JavaScript module as the page goes away, unless the browser already has: a closed circuit
    /// throws <see cref="JSDisconnectedException"/> and one that is closing cancels the call; either way the module
    /// went with the page.
    /// </summary>
    public static async ValueTask DisposeQuietlyAsync(this IJSObjectReference? module)
    {
        if (module is null)
        {
            return;
        }

        try
        {
            await module.DisposeAsync();
        }
        catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException)
        {
            // Nothing is left to release.
        }
    }
}
