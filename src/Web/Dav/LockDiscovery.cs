using System.Globalization;
using System.Xml;
using Strata.Infrastructure.Dav;

namespace Strata.Web.Dav;

/// <summary>Writes <c>DAV:activelock</c> and <c>DAV:supportedlock</c> (RFC 4918 §15.8, §15.10).</summary>
internal static class LockDiscovery
{
    /// <summary>
    /// One active lock. <c>lockroot</c> is left out on purpose: some Office versions fail to parse lock
    /// discovery that contains it (docs/decisions/0007), and every client has the URL it locked.
    /// </summary>
    public static void WriteActiveLock(XmlWriter xml, DavLock davLock)
    {
        xml.WriteStartElement("D", "activelock", DavXml.Dav);
        xml.WriteStartElement("D", "locktype", DavXml.Dav);
        xml.WriteEmptyElement("D", "write", DavXml.Dav);
        xml.WriteEndElement();
        xml.WriteStartElement("D", "lockscope", DavXml.Dav);
        xml.WriteEmptyElement("D", davLock.IsShared ? "shared" : "exclusive", DavXml.Dav);
        xml.WriteEndElement();
        xml.WriteElementString("D", "depth", DavXml.Dav, davLock.IsDeep ? "infinity" : "0");
        if (davLock.OwnerXml is { } owner)
        {
            xml.WriteStartElement("D", "owner", DavXml.Dav);
            // Stored from a parsed, well-formed element: its content is safe to write back verbatim.
            xml.WriteRaw(owner);
            xml.WriteEndElement();
        }

        xml.WriteElementString("D", "timeout", DavXml.Dav, string.Create(CultureInfo.InvariantCulture, $"Second-{davLock.TimeoutSeconds}"));
        xml.WriteStartElement("D", "locktoken", DavXml.Dav);
        xml.WriteElementString("D", "href", DavXml.Dav, davLock.Token);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    public static void WriteSupportedLock(XmlWriter xml)
    {
        foreach (var scope in new[] { "exclusive", "shared" })
        {
            xml.WriteStartElement("D", "lockentry", DavXml.Dav);
            xml.WriteStartElement("D", "lockscope", DavXml.Dav);
            xml.WriteEmptyElement("D", scope, DavXml.Dav);
            xml.WriteEndElement();
            xml.WriteStartElement("D", "locktype", DavXml.Dav);
            xml.WriteEmptyElement("D", "write", DavXml.Dav);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
    }

    /// <summary>The body of a LOCK answer: <c>&lt;D:prop&gt;&lt;D:lockdiscovery&gt;</c> with the granted or refreshed lock.</summary>
    public static async Task WriteLockResponseAsync(HttpResponse response, int status, DavLock davLock)
    {
        response.StatusCode = status;
        response.ContentType = DavResponses.XmlContentType;
        using var body = new XmlBody();
        var xml = body.Xml;
        xml.WriteStartDocument();
        xml.WriteStartElement("D", "prop", DavXml.Dav);
        xml.WriteStartElement("D", "lockdiscovery", DavXml.Dav);
        WriteActiveLock(xml, davLock);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        await body.SendAsync(response);
    }
}
