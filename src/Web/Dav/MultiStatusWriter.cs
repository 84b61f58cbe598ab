using System.Xml;

namespace Strata.Web.Dav;

/// <summary>
/// Writes a 207 Multi-Status straight to the response as it goes: one <c>&lt;D:response&gt;</c> at a time,
/// flushed regularly, so a listing of 100,000 entries never sits in memory.
/// </summary>
internal sealed class MultiStatusWriter : IAsyncDisposable
{
    private const int FlushEvery = 64;

    private readonly XmlWriter _xml;
    private int _sinceFlush;

    private MultiStatusWriter(XmlWriter xml) => _xml = xml;

    public static async Task<MultiStatusWriter> StartAsync(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status207MultiStatus;
        response.ContentType = DavResponses.XmlContentType;
        var xml = XmlWriter.Create(response.Body, DavResponses.WriterSettings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync("D", "multistatus", DavXml.Dav);
        await xml.WriteAttributeStringAsync("xmlns", "oc", null, DavXml.OwnCloud);
        return new MultiStatusWriter(xml);
    }

    public async Task BeginResponseAsync(string href)
    {
        await _xml.WriteStartElementAsync("D", "response", DavXml.Dav);
        await _xml.WriteElementStringAsync("D", "href", DavXml.Dav, href);
    }

    public async Task EndResponseAsync()
    {
        await _xml.WriteEndElementAsync();
        if (++_sinceFlush >= FlushEvery)
        {
            _sinceFlush = 0;
            await _xml.FlushAsync();
        }
    }

    /// <summary>A propstat: the properties written by <paramref name="writeProperties"/> and their common status.</summary>
    public async Task WritePropstatAsync(int status, Func<XmlWriter, Task> writeProperties)
    {
        ArgumentNullException.ThrowIfNull(writeProperties);
        await _xml.WriteStartElementAsync("D", "propstat", DavXml.Dav);
        await _xml.WriteStartElementAsync("D", "prop", DavXml.Dav);
        await writeProperties(_xml);
        await _xml.WriteEndElementAsync();
        await _xml.WriteElementStringAsync("D", "status", DavXml.Dav, DavResponses.StatusLine(status));
        await _xml.WriteEndElementAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _xml.WriteEndElementAsync();
        await _xml.WriteEndDocumentAsync();
        await _xml.FlushAsync();
        await _xml.DisposeAsync();
    }
}
