using System.Xml;
using System.Xml.Linq;

namespace Strata.Web.Dav;

/// <summary>Namespaces of the protocol and the only way request bodies are parsed.</summary>
internal static class DavXml
{
    public const string Dav = "DAV:";
    public const string OwnCloud = "http://owncloud.org/ns";
    public const string Microsoft = "urn:schemas-microsoft-com:";

    /// <summary>Protocol bodies are small; anything larger is refused before it is parsed.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public static readonly XNamespace D = Dav;

    /// <summary>No DTDs (XXE, entity expansion), no resolver, bounded size (docs/decisions/0009, ASVS 1.5.1).</summary>
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxBodyBytes,
        MaxCharactersFromEntities = 0,
        Async = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    /// <summary>
    /// Reads the request body as XML: null when there is none. Throws <see cref="DavException"/> with
    /// 413 for an oversized body and 400 for anything that is not well-formed XML.
    /// </summary>
    public static async Task<XDocument?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HasBody(request))
        {
            return null;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            throw new DavException(StatusCodes.Status413PayloadTooLarge, "The XML body is too large.");
        }

        // Buffered (bounded) so that a slow client cannot hold a parser open, and so the size cap is exact.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new DavException(StatusCodes.Status413PayloadTooLarge, "The XML body is too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return null;
        }

        buffer.Position = 0;
        try
        {
            using var reader = XmlReader.Create(buffer, Settings);
            return await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
        }
        catch (XmlException e)
        {
            throw new DavException(StatusCodes.Status400BadRequest, "The XML body is not well-formed: " + e.Message);
        }
    }

    /// <summary>A self-closing element such as <c>&lt;D:collection/&gt;</c>.</summary>
    public static void WriteEmptyElement(this XmlWriter xml, string prefix, string localName, string ns)
    {
        ArgumentNullException.ThrowIfNull(xml);
        xml.WriteStartElement(prefix, localName, ns);
        xml.WriteEndElement();
    }

    /// <summary>The content of an element as XML text; child elements carry the namespace declarations they need.</summary>
    public static string InnerXml(XElement element) =>
        string.Concat(element.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
}
