using System.Net.Http.Json;
using System.Text.Json;

namespace Strata.Web.Tests.Search;

public static class ExtractionPolling
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Lists the extractions of <paramref name="status"/> as an administrator until the content of
    /// <paramref name="path"/> is among them (and, when given, its entry satisfies <paramref name="until"/>); the
    /// text is read in the background, seconds after the upload.
    /// </summary>
    public static async Task<JsonElement> UntilListedAsync(this HttpClient admin, string status, string path, Func<JsonElement, bool>? until = null)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/admin/search/extractions?status={status}", UriKind.Relative), TestContext.Current.CancellationToken);
            var found = page.GetProperty("items").EnumerateArray()
                .Where(i => i.GetProperty("path").GetString() == path && (until is null || until(i)))
                .ToList();
            if (found.Count > 0)
            {
                return found[0];
            }

            DateTimeOffset.UtcNow.ShouldBeLessThan(deadline, $"the text of {path} was not listed as {status} in time");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
