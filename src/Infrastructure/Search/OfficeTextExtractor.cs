using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;

namespace Strata.Infrastructure.Search;

/// <summary>
/// Word, Excel and PowerPoint (Office Open XML): the text runs of the parts people write in, read as a stream of
/// elements (never a whole document in memory), a block per paragraph or row. A zip bomb is refused by
/// <see cref="ZipGuard"/> before the SDK opens it.
/// </summary>
public sealed class OfficeTextExtractor : ITextExtractor
{
    private const string Word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Excel = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string PowerPoint = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    /// <summary>Ends a text block: a paragraph (Word, slides), a shared string, a spreadsheet row.</summary>
    private static readonly HashSet<string> Blocks = ["p", "si", "row"];

    /// <summary>
    /// The SDK's own count of what it reads of a part, the counting half of the guard here: a part cannot hold more
    /// characters than the bytes it inflates to.
    /// </summary>
    private static readonly long MaxCharactersInPart = ZipLimits.Documents.MaxEntryBytes;

    public bool Accepts(string contentType) => Openers.ContainsKey(contentType);

    public Task ExtractAsync(Stream source, string contentType, TextSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ZipGuard.Check(source, ZipLimits.Documents);
        var settings = new OpenSettings { MaxCharactersInPart = MaxCharactersInPart };
        using var package = Openers[contentType](source, settings);
        foreach (var part in TextParts(package))
        {
            if (!Read(part, sink, cancellationToken))
            {
                break;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>How each kind opens: all three share a zip layout, and any of them opens the others' zips too.</summary>
    private static readonly Dictionary<string, Func<Stream, OpenSettings, OpenXmlPackage>> Openers = new(StringComparer.OrdinalIgnoreCase)
    {
        [Word] = (source, settings) => WordprocessingDocument.Open(source, false, settings),
        [Excel] = (source, settings) => SpreadsheetDocument.Open(source, false, settings),
        [PowerPoint] = (source, settings) => PresentationDocument.Open(source, false, settings),
    };

    private static IEnumerable<OpenXmlPart> TextParts(OpenXmlPackage package) => package switch
    {
        WordprocessingDocument { MainDocumentPart: { } main } => [
            main, .. main.HeaderParts, .. main.FooterParts,
            .. (OpenXmlPart?[])[main.FootnotesPart, main.EndnotesPart] is var notes ? notes.OfType<OpenXmlPart>() : []],
        SpreadsheetDocument { WorkbookPart: { } book } => [
            .. book.SharedStringTablePart is { } strings ? [strings] : Array.Empty<OpenXmlPart>(), .. book.WorksheetParts],
        PresentationDocument { PresentationPart: { } deck } => SlidesInOrder(deck),
        _ => [],
    };

    private static IEnumerable<OpenXmlPart> SlidesInOrder(PresentationPart deck)
    {
        foreach (var id in deck.Presentation?.SlideIdList?.Elements<SlideId>() ?? [])
        {
            if (id.RelationshipId?.Value is { } relation && deck.GetPartById(relation) is SlidePart slide)
            {
                yield return slide;
                if (slide.NotesSlidePart is { } notes)
                {
                    yield return notes;
                }
            }
        }
    }

    /// <summary>Appends the part's text elements; false once the sink is full.</summary>
    private static bool Read(OpenXmlPart part, TextSink sink, CancellationToken cancellationToken)
    {
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.IsStartElement && reader.LocalName == "t")
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!sink.Append(reader.GetText()))
                {
                    return false;
                }
            }
            else if (reader.IsEndElement && Blocks.Contains(reader.LocalName))
            {
                sink.EndBlock();
            }
            else if (reader.IsStartElement && reader.LocalName is "tab" or "br" or "c")
            {
                sink.Space();
            }
        }

        return true;
    }
}
