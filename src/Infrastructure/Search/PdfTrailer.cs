using System.Text;
using System.Text.RegularExpressions;

namespace Strata.Infrastructure.Search;

/// <summary>
/// Reads what a PDF's last trailer (or cross-reference stream) declares about it without parsing the document: a
/// parser builds every object and page up front, so their number is known, and refused, before it starts.
/// </summary>
public static partial class PdfTrailer
{
    /// <summary>The tail holds <c>startxref</c> and, in a classic file, the trailer; a little more spares a long comment.</summary>
    private const int TailBytes = 4096;

    /// <summary>
    /// The number of objects the PDF declares (<c>/Size</c>), or null when its end is not where the format puts it
    /// (the parser then judges the file). <paramref name="source"/> is seekable and left at its start.
    /// </summary>
    public static long? DeclaredObjectCount(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            var tail = ReadAt(source, Math.Max(0, source.Length - TailBytes));
            var trailer = tail.LastIndexOf("trailer", StringComparison.Ordinal);
            if (trailer >= 0)
            {
                return SizeIn(tail[trailer..]);
            }

            // A cross-reference stream (PDF 1.5 and later): its dictionary, where startxref points, declares the size.
            var startxref = StartXref().Match(tail);
            return startxref.Success && long.TryParse(startxref.Groups[1].ValueSpan, out var offset) && offset < source.Length
                ? SizeIn(ReadAt(source, offset))
                : null;
        }
        finally
        {
            source.Position = 0;
        }
    }

    private static long? SizeIn(string dictionary) =>
        Size().Match(dictionary) is { Success: true } size && long.TryParse(size.Groups[1].ValueSpan, out var count) ? count : null;

    private static string ReadAt(Stream source, long offset)
    {
        source.Position = offset;
        var buffer = new byte[TailBytes];
        var read = source.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Encoding.Latin1.GetString(buffer, 0, read);
    }

    [GeneratedRegex(@"startxref\s+(\d{1,15})", RegexOptions.RightToLeft)]
    private static partial Regex StartXref();

    [GeneratedRegex(@"/Size\s+(\d{1,15})")]
    private static partial Regex Size();
}
