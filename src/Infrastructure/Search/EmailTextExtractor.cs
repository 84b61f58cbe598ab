using System.Text;
using AngleSharp.Html.Parser;
using MimeKit;

namespace Strata.Infrastructure.Search;

/// <summary>
/// E-mail (<c>.eml</c>): subject, sender and recipients, then the plain-text body, or the visible text of the HTML
/// body when there is no plain one. The message is parsed in place: its parts stay in the stored file, so a huge
/// attachment is stepped over, never copied into memory, and attachments are not read.
/// </summary>
public sealed class EmailTextExtractor : ITextExtractor
{
    public bool Accepts(string contentType) => contentType.Equals("message/rfc822", StringComparison.OrdinalIgnoreCase);

    public Task ExtractAsync(Stream source, string contentType, TextSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);

        // Persistent: each part is a window on the (seekable) source rather than a copy of its bytes.
        var message = MimeMessage.Load(ParserOptions.Default, source, persistent: true, cancellationToken);
        foreach (var header in new[] { message.Subject, message.From.ToString(), message.To.ToString(), message.Cc.ToString() })
        {
            if (!string.IsNullOrWhiteSpace(header))
            {
                HtmlTextExtractor.AppendWords(header, sink);
                sink.EndBlock();
            }
        }

        if (Body(message, "plain") is { Content: { } content } text)
        {
            // Streamed, as a plain-text file is: a body of many megabytes costs no more than the sink keeps.
            using var reader = new StreamReader(content.Open(), text.ContentType.CharsetEncoding ?? Encoding.UTF8);
            var buffer = new char[16 * 1024];
            int read;
            while ((read = reader.Read(buffer)) > 0 && sink.Append(buffer.AsSpan(0, read)))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        else if (Body(message, "html") is { } html)
        {
            HtmlTextExtractor.ReadInto(new HtmlParser().ParseDocument(html.Text), sink);
        }

        return Task.CompletedTask;
    }

    /// <summary>The first text part of the subtype that is not an attachment.</summary>
    private static TextPart? Body(MimeMessage message, string subtype) =>
        message.BodyParts.OfType<TextPart>().FirstOrDefault(p => !p.IsAttachment && p.ContentType.IsMimeType("text", subtype));
}
