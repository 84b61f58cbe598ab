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

    /// <summary>Saves the theme chosen, also for the pages without a circuit (a public link's), which the server writes in it.</summary>
    public Task ChooseThemeAsync(bool dark) => SaveAsync(async () =>
    {
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/theme.js");
        await module.InvokeVoidAsync("chooseTheme", dark ? "dark" : "light");
    });

    public Task SetAsync(string key, string value) => SaveAsync(async () => await js.InvokeVoidAsync("localStorage.setItem", Prefix + key, value));

    private static async Task SaveAsync(Func<Task> save)
    {
        try
        {
            await save();
        }
        catch (Exception e) when (e is JSException or InvalidOperationException or JSDisconnectedException or TaskCanceledException)
        {
            // Private browsing can refuse storage; the choice then lasts for this page only.
        }
    }
}
