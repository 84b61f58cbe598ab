using AngleSharp.Html.Parser;
using MimeKit;

namespace Strata.Infrastructure.Search;

/// <summary>
/// E-mail (<c>.eml</c>): subject, sender and recipients, then the plain-text body, or the visible text of the HTML
/// body when there is no plain one. Attachments are not read.
/// </summary>
public sealed class EmailTextExtractor : ITextExtractor
{
    public bool Accepts(string contentType) => contentType.Equals("message/rfc822", StringComparison.OrdinalIgnoreCase);

    public async Task ExtractAsync(Stream source, string contentType, TextSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var message = await MimeMessage.LoadAsync(source, cancellationToken);
        foreach (var header in new[] { message.Subject, message.From.ToString(), message.To.ToString(), message.Cc.ToString() })
        {
            if (!string.IsNullOrWhiteSpace(header))
            {
                HtmlTextExtractor.AppendWords(header, sink);
                sink.EndBlock();
            }
        }

        if (message.TextBody is { } text)
        {
            sink.Append(text);
        }
        else if (message.HtmlBody is { } html)
        {
            HtmlTextExtractor.ReadInto(await new HtmlParser().ParseDocumentAsync(html, cancellationToken), sink);
        }
    }
}
