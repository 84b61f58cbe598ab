using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Strata.Infrastructure.Search;

/// <summary>
/// HTML: the words a reader sees (title and body text), without markup, scripts or styles. Parsed by AngleSharp,
/// which fetches nothing and runs no script.
/// </summary>
public sealed class HtmlTextExtractor : ITextExtractor
{
    private static readonly HashSet<string> Unread = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "svg", "head" };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "section", "article", "title", "dt", "dd",
    };

    public static bool IsHtml(string contentType) =>
        contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);

    public bool Accepts(string contentType) => IsHtml(contentType);

    public async Task ExtractAsync(Stream source, string contentType, TextSink sink, CancellationToken cancellationToken)
    {
        var document = await new HtmlParser().ParseDocumentAsync(source, cancellationToken);
        ReadInto(document, sink);
    }

    /// <summary>The visible text of a parsed document (also an e-mail's HTML body).</summary>
    public static void ReadInto(IDocument document, TextSink sink)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(sink);
        if (document.Title is { Length: > 0 } title)
        {
            AppendWords(title, sink);
            sink.EndBlock();
        }

        if (document.Body is { } body)
        {
            Walk(body, sink);
        }
    }

    /// <summary>Appends text with its runs of white space made one space, as a browser shows it.</summary>
    internal static bool AppendWords(string text, TextSink sink)
    {
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            sink.Space();
            if (!sink.Append(word))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Walk(INode node, TextSink sink)
    {
        foreach (var child in node.ChildNodes)
        {
            if (sink.IsFull)
            {
                return false;
            }

            switch (child)
            {
                case IText text:
                    AppendWords(text.Data, sink);
                    break;
                case IElement element when !Unread.Contains(element.LocalName):
                    Walk(element, sink);
                    if (Blocks.Contains(element.LocalName))
                    {
                        sink.EndBlock();
                    }

                    break;
            }
        }

        return !sink.IsFull;
    }
}
