using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Strata.Infrastructure.Search;

/// <summary>
/// PDF: the words of each page in reading order (PdfPig, in process), a block per page. A PDF of more objects than a
/// document has is refused from its trailer before PdfPig, which builds every page up front, opens it.
/// </summary>
public sealed class PdfTextExtractor : ITextExtractor
{
    /// <summary>
    /// Objects a PDF may declare; a book of a thousand pages has a few thousand, while PdfPig takes seconds and close to
    /// a gigabyte to open a million empty pages (a few megabytes of PDF).
    /// </summary>
    public const long MaxObjects = 500_000;

    public bool Accepts(string contentType) => contentType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase);

    public Task ExtractAsync(Stream source, string contentType, TextSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (PdfTrailer.DeclaredObjectCount(source) is long objects && objects > MaxObjects)
        {
            throw new ExtractionRefusedException(string.Create(
                CultureInfo.InvariantCulture, $"Not read: the PDF declares {objects:N0} objects, more than the {MaxObjects:N0} a document has."));
        }

        try
        {
            using var document = PdfDocument.Open(source, new ParsingOptions { ClipPaths = false, SkipMissingFonts = true });
            foreach (var page in document.GetPages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var word in page.GetWords())
                {
                    sink.Space();
                    if (!sink.Append(word.Text))
                    {
                        return Task.CompletedTask;
                    }
                }

                sink.EndBlock();
            }
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new ExtractionSkippedException("The PDF is encrypted.");
        }

        return Task.CompletedTask;
    }
}
