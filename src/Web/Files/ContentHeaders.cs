using System.Text;

namespace Strata.Web.Files;

/// <summary>Headers that make a user's bytes safe to hand to a browser from the app's own origin.</summary>
internal static class ContentHeaders
{
    /// <summary>User content never runs as a page of ours: no scripts, no plugins, a sandboxed opaque origin.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; sandbox";

    public static void ApplyDownload(HttpResponse response, string fileName)
    {
        response.Headers.ContentDisposition = AttachmentDisposition(fileName);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
    }

    /// <summary>RFC 6266: an ASCII fallback with risky characters replaced, and the exact name as <c>filename*</c>.</summary>
    public static string AttachmentDisposition(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var fallback = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            fallback.Append(c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_');
        }

        return $"attachment; filename=\"{fallback}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
