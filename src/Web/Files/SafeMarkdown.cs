using Ganss.Xss;
using Markdig;

namespace Strata.Web.Files;

/// <summary>
/// Markdown written by users (text files, comments) turned into HTML that runs nothing: Markdig with raw HTML
/// escaped rather than passed through, then an allowlist sanitiser as a second line of defence.
/// </summary>
internal static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    /// <summary>Tags Markdown produces; no images (they would load from anywhere in the app's origin), forms or media.</summary>
    private static readonly string[] MarkdownTags =
    [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "code", "pre", "blockquote", "hr", "br",
        "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub", "span", "div", "dl", "dt", "dd", "kbd", "mark",
    ];

    /// <summary>Link schemes that cannot run script or smuggle content in (no <c>javascript:</c>, no <c>data:</c>).</summary>
    private static readonly string[] Schemes = ["http", "https", "mailto"];

    public static string Render(string markdown)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in MarkdownTags)
        {
            sanitizer.AllowedTags.Add(tag);
        }

        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in Schemes)
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedAttributes.Remove("style");
        return sanitizer.Sanitize(html);
    }
}
