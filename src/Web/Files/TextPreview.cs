using System.Text;
using Ganss.Xss;
using Markdig;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Files;

namespace Strata.Web.Files;

/// <summary>The start of a text file, read on the server, and Markdown turned into sanitised HTML.</summary>
internal static class TextPreview
{
    /// <summary>Enough for any readable document; larger files show their beginning and a note.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    /// <summary>Tags Markdown produces; no images (they would load from anywhere in the app's origin), forms or media.</summary>
    private static readonly string[] MarkdownTags =
    [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "code", "pre", "blockquote", "hr", "br",
        "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub", "span", "div", "dl", "dt", "dd", "kbd", "mark",
    ];

    public sealed record Loaded(string Text, bool Truncated, bool Binary);

    public static async Task<Result<Loaded>> LoadAsync(FileService files, Caller caller, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var content = await files.GetContentAsync(caller, NodePath.Parse(path), version: null, cancellationToken);
        if (!content.Succeeded)
        {
            return content.As<Loaded>();
        }

        var (_, version) = content.Value;
        var buffer = new byte[(int)Math.Min(version.Size, MaxBytes)];
        await using (var stream = files.Blobs.OpenRead(version.ContentHash))
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
        }

        // A NUL in the first few KiB is the classic sign of a binary file mislabelled as text.
        var binary = buffer.AsSpan(0, Math.Min(buffer.Length, 8192)).Contains((byte)0);
        var text = binary ? string.Empty : new UTF8Encoding(false, false).GetString(buffer);
        return Result<Loaded>.Ok(new Loaded(text, version.Size > MaxBytes, binary));
    }

    /// <summary>Markdown → HTML (raw HTML in the source is escaped, not passed through) → allowlist sanitiser as a second line.</summary>
    public static string RenderMarkdown(string markdown)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in MarkdownTags)
        {
            sanitizer.AllowedTags.Add(tag);
        }

        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedAttributes.Remove("style");
        return sanitizer.Sanitize(html);
    }
}
