using System.Text;
using Microsoft.Net.Http.Headers;

namespace Strata.Web.Files;

/// <summary>Headers that make a user's bytes safe to hand to a browser from the app's own origin.</summary>
internal static class ContentHeaders
{
    /// <summary>
    /// User content never runs as a page of ours: a sandboxed opaque origin with no scripts or plugins. Images,
    /// media and inline styles from the same response stay allowed so that a previewed image, video or text file renders.
    /// </summary>
    public const string ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'";

    /// <summary>Raster images the browser decodes without running anything; SVG is a document and is never here.</summary>
    private static readonly HashSet<string> InlineImages = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp",
    };

    /// <summary>
    /// Whether the browser may show this type in place (<c>?inline=1</c>). An allowlist: raster images, PDF, audio,
    /// video and plain text. HTML, SVG, XML and anything unknown always download.
    /// </summary>
    public static bool MayShowInline(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Value is not { } mediaType)
        {
            return false;
        }

        if (mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase) || mediaType.Contains("svg", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return InlineImages.Contains(mediaType)
            || mediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            || mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
            || mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Attachment unless <paramref name="inline"/> was asked for and the type is safe to show; the CSP and nosniff always.</summary>
    public static void ApplyDownload(HttpResponse response, string fileName, string? contentType = null, bool inline = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentDisposition = Disposition(inline && MayShowInline(contentType) ? "inline" : "attachment", fileName);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
    }

    /// <summary>RFC 6266: an ASCII fallback with risky characters replaced, and the exact name as <c>filename*</c>.</summary>
    private static string Disposition(string type, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var fallback = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            fallback.Append(c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_');
        }

        return $"{type}; filename=\"{fallback}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
