using System.Text;

namespace Strata.Infrastructure.Search;

/// <summary>Plain text, Markdown, CSV, source code and JSON: the characters as they are, in the encoding their BOM names (else UTF-8).</summary>
public sealed class PlainTextExtractor : ITextExtractor
{
    public bool Accepts(string contentType) =>
        (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) && !HtmlTextExtractor.IsHtml(contentType))
        || contentType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    public async Task ExtractAsync(Stream source, string contentType, TextSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        using var reader = new StreamReader(source, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0 && sink.Append(buffer.AsSpan(0, read)))
        {
        }
    }
}
