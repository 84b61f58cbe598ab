using System.Xml;

namespace Strata.Web.Dav;

/// <summary>
/// A response body written with <see cref="XmlWriter"/>'s synchronous API into memory and sent in pieces:
/// the asynchronous API costs more per element than the writing itself, which showed in large PROPFINDs.
/// </summary>
internal sealed class XmlBody : IDisposable
{
    private readonly MemoryStream _buffer = new();

    public XmlBody() => Xml = XmlWriter.Create(_buffer, DavResponses.WriterSettings);

    public XmlWriter Xml { get; }

    /// <summary>Sends what was written so far and empties the buffer.</summary>
    public async Task SendAsync(HttpResponse response)
    {
        Xml.Flush();
        await response.Body.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), response.HttpContext.RequestAborted);
        _buffer.SetLength(0);
    }

    public void Dispose()
    {
        Xml.Dispose();
        _buffer.Dispose();
    }
}
