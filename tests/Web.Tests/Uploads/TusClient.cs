using System.Net.Http.Headers;
using System.Text;

namespace Strata.Web.Tests.Uploads;

/// <summary>Hand-made tus requests, so tests can also send what a real client never would.</summary>
internal static class TusClient
{
    public const string Endpoint = "/api/v1/uploads";
    public const string OffsetStream = "application/offset+octet-stream";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static HttpRequestMessage Request(HttpMethod method, string uri, string? tusVersion = "1.0.0")
    {
        var request = new HttpRequestMessage(method, uri);
        if (tusVersion is not null)
        {
            request.Headers.Add("Tus-Resumable", tusVersion);
        }

        return request;
    }

    public static string Metadata(params (string Key, string Value)[] pairs) =>
        string.Join(',', pairs.Select(p => $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));

    public static async Task<HttpResponseMessage> CreateAsync(this HttpClient client, string folder, string fileName, long length, byte[]? body = null)
    {
        using var request = Request(HttpMethod.Post, Endpoint);
        request.Headers.Add("Upload-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", Metadata(("filename", fileName), ("folder", folder), ("filetype", "application/octet-stream")));
        if (body is not null)
        {
            request.Content = OffsetContent(new ByteArrayContent(body));
        }

        return await client.SendAsync(request, Ct);
    }

    /// <summary>Creates an upload and returns its URL, failing the test if creation fails.</summary>
    public static async Task<string> StartAsync(this HttpClient client, string folder, string fileName, long length)
    {
        using var response = await client.CreateAsync(folder, fileName, length);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return response.Headers.Location!.ToString();
    }

    /// <summary>A creation request for a visitor of an upload link: a file name and optional metadata, no folder.</summary>
    public static HttpRequestMessage LinkCreation(string fileName, long length, byte[]? body = null, params (string Key, string Value)[] metadata)
    {
        var request = Request(HttpMethod.Post, Endpoint);
        request.Headers.Add("Upload-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", Metadata([("filename", fileName), .. metadata]));
        if (body is not null)
        {
            request.Content = OffsetContent(new ByteArrayContent(body));
        }

        return request;
    }

    /// <summary>Sends (and disposes) a tus request as a visitor of the upload link <paramref name="token"/>.</summary>
    public static async Task<HttpResponseMessage> SendAsLinkVisitorAsync(this HttpClient client, HttpRequestMessage request, string token, string? password = null)
    {
        using (request)
        {
            request.Headers.Add("X-Link-Token", token);
            if (password is not null)
            {
                request.Headers.Add("X-Link-Password", password);
            }

            return await client.SendAsync(request, Ct);
        }
    }

    public static async Task<HttpResponseMessage> PatchAsync(this HttpClient client, string upload, long offset, byte[] bytes, string contentType = OffsetStream)
    {
        using var request = Request(HttpMethod.Patch, upload);
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.SendAsync(request, Ct);
    }

    public static async Task<HttpResponseMessage> HeadAsync(this HttpClient client, string upload)
    {
        using var request = Request(HttpMethod.Head, upload);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>The durable offset HEAD reports; fails the test when the upload is not found.</summary>
    public static async Task<long> OffsetAsync(this HttpClient client, string upload)
    {
        using var response = await client.HeadAsync(upload);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        return response.Offset();
    }

    public static long Offset(this HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("Upload-Offset").Single(), System.Globalization.CultureInfo.InvariantCulture);

    public static T OffsetContent<T>(T content)
        where T : HttpContent
    {
        content.Headers.ContentType = new MediaTypeHeaderValue(OffsetStream);
        return content;
    }
}
