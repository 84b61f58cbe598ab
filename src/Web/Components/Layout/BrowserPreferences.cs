using Microsoft.JSInterop;

namespace Strata.Web.Components.Layout;

/// <summary>
/// Small per-browser choices (theme, list or grid) kept in the browser's localStorage: they belong to the device,
/// not the account, and need no round trip to the database.
/// </summary>
public sealed class BrowserPreferences(IJSRuntime js)
{
    private const string Prefix = "strata.";

    /// <summary>Null when unset, or when JavaScript is not reachable yet (prerendering) or any more (circuit gone).</summary>
    public async Task<string?> GetAsync(string key)
    {
        try
        {
            return await js.InvokeAsync<string?>("localStorage.getItem", Prefix + key);
        }
        catch (Exception e) when (e is JSException or InvalidOperationException or JSDisconnectedException or TaskCanceledException)
        {
            return null;
        }
    }

    public async Task SetAsync(string key, string value)
    {
        try
        {
            await js.InvokeVoidAsync("localStorage.setItem", Prefix + key, value);
        }
        catch (Exception e) when (e is JSException or InvalidOperationException or JSDisconnectedException or TaskCanceledException)
        {
            // Private browsing can refuse storage; the choice then lasts for this page only.
        }
    }
}
