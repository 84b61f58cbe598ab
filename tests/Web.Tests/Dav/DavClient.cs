using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace Strata.Web.Tests.Dav;

/// <summary>Small WebDAV helpers over HttpClient so tests read as the requests they send.</summary>
internal static class DavClient
{
    public static readonly XNamespace D = "DAV:";
    public static readonly XNamespace Oc = "http://owncloud.org/ns";

    public const string AllPropBody = """<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Uri DavUri(string path) => new("/dav" + path, UriKind.Relative);

    public static async Task<HttpResponseMessage> SendAsync(
        this HttpClient client, string method, string path, string? body = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), DavUri(path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/xml");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, Ct);
    }

    public static async Task<HttpResponseMessage> PutAsync(this HttpClient client, string path, string content, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, DavUri(path)) { Content = new StringContent(content, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> PropfindAsync(this HttpClient client, string path, string depth, string? body = null) =>
        client.SendAsync("PROPFIND", path, body, ("Depth", depth));

    /// <summary>A PROPFIND expected to succeed, parsed: the 207 body.</summary>
    public static async Task<XDocument> PropfindXmlAsync(this HttpClient client, string path, string depth, string? body = null)
    {
        using var response = await client.PropfindAsync(path, depth, body);
        ((int)response.StatusCode).ShouldBe(207, await response.Content.ReadAsStringAsync(Ct));
        return XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }

    public static string NamedPropBody(params XName[] names) =>
        new XDocument(new XElement(D + "propfind", new XElement(D + "prop", names.Select(n => new XElement(n))))).ToString();

    public static string PropPatchBody(XName name, string value, bool remove = false) =>
        new XDocument(new XElement(D + "propertyupdate",
            new XElement(D + (remove ? "remove" : "set"), new XElement(D + "prop", new XElement(name, remove ? null : value))))).ToString();

    public static string LockBody(bool shared = false) =>
        $"""<?xml version="1.0"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:{(shared ? "shared" : "exclusive")}/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner>tester</D:owner></D:lockinfo>""";

    /// <summary>The value of a property in the response for <paramref name="href"/>, null when it is not in a 200 propstat.</summary>
    public static XElement? Property(this XDocument multistatus, string href, XName name) =>
        multistatus.Descendants(D + "response")
            .Where(r => r.Element(D + "href")!.Value == href)
            .Elements(D + "propstat")
            .Where(p => p.Element(D + "status")!.Value.Contains(" 200 ", StringComparison.Ordinal))
            .Elements(D + "prop").Elements(name)
            .FirstOrDefault();

    public static List<string> Hrefs(this XDocument multistatus) =>
        multistatus.Descendants(D + "response").Select(r => r.Element(D + "href")!.Value).ToList();

    public static async Task<string> LockAsync(this HttpClient client, string path, string depth = "0", bool shared = false)
    {
        using var response = await client.SendAsync("LOCK", path, LockBody(shared), ("Depth", depth), ("Timeout", "Second-600"));
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync(Ct));
        return response.Headers.GetValues("Lock-Token").Single().Trim('<', '>');
    }
}
