using Microsoft.JSInterop;
using MudBlazor;

namespace Strata.Web.Components.Layout;

/// <summary>Copy buttons: the browser allows the clipboard only in a secure context and with permission.</summary>
internal static class Clipboard
{
    /// <summary>
    /// Copies <paramref name="text"/> and says so; when the browser refuses (plain HTTP on a LAN), says how to copy by
    /// hand instead of letting the refusal end the circuit.
    /// </summary>
    public static async Task CopyAsync(this IJSRuntime js, ISnackbar snackbar, string text, string what)
    {
        try
        {
            await js.InvokeVoidAsync("navigator.clipboard.writeText", text);
            snackbar.Add($"Copied the {what}.", Severity.Success);
        }
        catch (JSException)
        {
            snackbar.Add($"The browser did not allow copying; select the {what} to copy it.", Severity.Warning);
        }
    }
}
