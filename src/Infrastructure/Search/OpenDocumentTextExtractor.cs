using System.IO.Compression;
using System.Xml;

namespace Strata.Infrastructure.Search;

/// <summary>
/// OpenDocument text, spreadsheets and presentations: the text nodes of <c>content.xml</c>, streamed with DTDs
/// prohibited and no resolver, a block per paragraph, heading or cell. A zip bomb is refused by <see cref="ZipGuard"/>
/// before anything is inflated, and <c>content.xml</c> is read through a <see cref="ReadCapStream"/>.
/// </summary>
public sealed class OpenDocumentTextExtractor : ITextExtractor
{
    private const string TextNamespace = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private const string TableNamespace = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";

    public bool Accepts(string contentType) => contentType.StartsWith("application/vnd.oasis.opendocument.", StringComparison.OrdinalIgnoreCase);

    public async Task ExtractAsync(Stream source, string contentType, TextSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ZipGuard.Check(source, ZipLimits.Documents);
        await using var zip = await ZipArchive.CreateAsync(source, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var content = zip.GetEntry("content.xml") ?? throw new InvalidDataException("The document has no content.xml.");
        await using var xml = new ReadCapStream(await content.OpenAsync(cancellationToken), ZipLimits.Documents.MaxEntryBytes, content.FullName);
        var settings = new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        using var reader = XmlReader.Create(xml, settings);
        while (await reader.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA:
                    if (!sink.Append(reader.Value))
                    {
                        return;
                    }

                    break;
                case XmlNodeType.Element when reader.NamespaceURI == TextNamespace && reader.LocalName is "s" or "tab" or "line-break":
                    sink.Space();
                    break;
                case XmlNodeType.EndElement when IsBlock(reader):
                    sink.EndBlock();
                    break;
            }
        }
    }

    private static bool IsBlock(XmlReader reader) =>
        (reader.NamespaceURI == TextNamespace && reader.LocalName is "p" or "h")
        || (reader.NamespaceURI == TableNamespace && reader.LocalName == "table-cell");
}
