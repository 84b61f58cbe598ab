using System.Net;

namespace Strata.Web.Tests.Previews;

public static class PreviewPolling
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Asks for a preview until the answer is no longer 202, as a client honouring Retry-After would (faster).</summary>
    public static async Task<HttpResponseMessage> UntilMadeAsync(this HttpClient client, Uri preview)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var response = await client.GetAsync(preview, TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted || DateTimeOffset.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
