using MudBlazor;
using Strata.Infrastructure;

namespace Strata.Web.Files;

/// <summary>Tells the user how a service call went: the success message, or the service's own reason for refusing.</summary>
internal static class ResultSnackbar
{
    /// <returns>Whether the call succeeded.</returns>
    public static bool Report<T>(this ISnackbar snackbar, Result<T> result, string success)
    {
        if (result.Succeeded)
        {
            snackbar.Add(success, Severity.Success);
        }
        else
        {
            snackbar.ShowFailure(result);
        }

        return result.Succeeded;
    }

    public static void ShowFailure<T>(this ISnackbar snackbar, Result<T> result) => snackbar.Add(result.Detail ?? "That did not work.", Severity.Error);
}
