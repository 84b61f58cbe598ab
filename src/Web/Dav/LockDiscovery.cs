using System.Globalization;
using System.Xml;
using Strata.Infrastructure.Dav;

namespace Strata.Web.Dav;

/// <summary>Writes <c>DAV:activelock</c> and <c>DAV:supportedlock</c> (RFC 4918 §15.8, §15.10).</summary>
internal static class LockDiscovery
{
    /// <summary>
    /// One active lock. <c>lockroot</c> is left out on purpose: some Office versions fail to parse lock
    /// discovery that contains it (WEBDAV.md, sabre msoffice notes), and every client has the URL it locked.
    /// </summary>
    public static async Task WriteActiveLockAsync(XmlWriter xml, DavLock davLock)
    {
        await xml.WriteStartElementAsync("D", "activelock", DavXml.Dav);
        await xml.WriteStartElementAsync("D", "locktype", DavXml.Dav);
        await xml.WriteEmptyElementAsync("D", "write", DavXml.Dav);
        await xml.WriteEndElementAsync();
        await xml.WriteStartElementAsync("D", "lockscope", DavXml.Dav);
        await xml.WriteEmptyElementAsync("D", davLock.IsShared ? "shared" : "exclusive", DavXml.Dav);
        await xml.WriteEndElementAsync();
        await xml.WriteElementStringAsync("D", "depth", DavXml.Dav, davLock.IsDeep ? "infinity" : "0");
        if (davLock.OwnerXml is { } owner)
        {
            await xml.WriteStartElementAsync("D", "owner", DavXml.Dav);
            // Stored from a parsed, well-formed element: its content is safe to write back verbatim.
            await xml.WriteRawAsync(owner);
            await xml.WriteEndElementAsync();
        }

        await xml.WriteElementStringAsync("D", "timeout", DavXml.Dav, string.Create(CultureInfo.InvariantCulture, $"Second-{davLock.TimeoutSeconds}"));
        await xml.WriteStartElementAsync("D", "locktoken", DavXml.Dav);
        await xml.WriteElementStringAsync("D", "href", DavXml.Dav, davLock.Token);
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
    }

    public static async Task WriteSupportedLockAsync(XmlWriter xml)
    {
        foreach (var scope in new[] { "exclusive", "shared" })
        {
            await xml.WriteStartElementAsync("D", "lockentry", DavXml.Dav);
            await xml.WriteStartElementAsync("D", "lockscope", DavXml.Dav);
            await xml.WriteEmptyElementAsync("D", scope, DavXml.Dav);
            await xml.WriteEndElementAsync();
            await xml.WriteStartElementAsync("D", "locktype", DavXml.Dav);
            await xml.WriteEmptyElementAsync("D", "write", DavXml.Dav);
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        }
    }

    /// <summary>The body of a LOCK answer: <c>&lt;D:prop&gt;&lt;D:lockdiscovery&gt;</c> with the granted or refreshed lock.</summary>
    public static async Task WriteLockResponseAsync(HttpResponse response, int status, DavLock davLock)
    {
        response.StatusCode = status;
        response.ContentType = DavResponses.XmlContentType;
        await using var xml = XmlWriter.Create(response.Body, DavResponses.WriterSettings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync("D", "prop", DavXml.Dav);
        await xml.WriteStartElementAsync("D", "lockdiscovery", DavXml.Dav);
        await WriteActiveLockAsync(xml, davLock);
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }
}
