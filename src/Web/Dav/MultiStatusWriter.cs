using System.Xml;

namespace Strata.Web.Dav;

/// <summary>
/// Writes a 207 Multi-Status to the response as it goes: one <c>&lt;D:response&gt;</c> at a time, sent
/// every few dozen, so a listing of 100,000 entries never sits in memory.
/// </summary>
internal sealed class MultiStatusWriter : IAsyncDisposable
{
    private const int SendEvery = 64;

    private readonly HttpResponse _response;
    private readonly XmlBody _body = new();
    private int _sinceSend;

    private MultiStatusWriter(HttpResponse response) => _response = response;

    private XmlWriter Xml => _body.Xml;

    public static MultiStatusWriter Start(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status207MultiStatus;
        response.ContentType = DavResponses.XmlContentType;
        var writer = new MultiStatusWriter(response);
        writer.Xml.WriteStartDocument();
        writer.Xml.WriteStartElement("D", "multistatus", DavXml.Dav);
        writer.Xml.WriteAttributeString("xmlns", "oc", null, DavXml.OwnCloud);
        // Declared once here rather than on each of the four Win32 properties of every entry.
        writer.Xml.WriteAttributeString("xmlns", "Z", null, DavXml.Microsoft);
        return writer;
    }

    public void BeginResponse(string href)
    {
        Xml.WriteStartElement("D", "response", DavXml.Dav);
        Xml.WriteElementString("D", "href", DavXml.Dav, href);
    }

    public async Task EndResponseAsync()
    {
        Xml.WriteEndElement();
        if (++_sinceSend >= SendEvery)
        {
            _sinceSend = 0;
            await _body.SendAsync(_response);
        }
    }

    /// <summary>A propstat: the properties written by <paramref name="writeProperties"/> and their common status.</summary>
    public void WritePropstat(int status, Action<XmlWriter> writeProperties)
    {
        ArgumentNullException.ThrowIfNull(writeProperties);
        Xml.WriteStartElement("D", "propstat", DavXml.Dav);
        Xml.WriteStartElement("D", "prop", DavXml.Dav);
        writeProperties(Xml);
        Xml.WriteEndElement();
        Xml.WriteElementString("D", "status", DavXml.Dav, DavResponses.StatusLine(status));
        Xml.WriteEndElement();
    }

    public async ValueTask DisposeAsync()
    {
        Xml.WriteEndElement();
        Xml.WriteEndDocument();
        await _body.SendAsync(_response);
        _body.Dispose();
    }
}
