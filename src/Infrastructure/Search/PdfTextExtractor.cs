using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Strata.Infrastructure.Search;

/// <summary>PDF: the words of each page in reading order (PdfPig, in process), a block per page.</summary>
public sealed class PdfTextExtractor : ITextExtractor
{
    public bool Accepts(string contentType) => contentType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase);

    public Task ExtractAsync(Stream source, string contentType, TextSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
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
