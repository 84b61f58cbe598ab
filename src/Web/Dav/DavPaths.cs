using System.Text;
using Strata.Domain.Files;

namespace Strata.Web.Dav;

/// <summary>Maps URLs under <c>/dav</c> to namespace paths and back; every path goes through <see cref="NodePath.TryParse"/>.</summary>
internal static class DavPaths
{
    public const string Prefix = "/dav";

    /// <summary>
    /// The request's path below <c>/dav</c>. Kestrel has already decoded it once (and resolved dot
    /// segments); it is not decoded again, so <c>%252e</c> stays a literal name rather than becoming <c>..</c>.
    /// </summary>
    public static NodePath FromRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase, out var rest)
            ? Parse(rest.Value, readOnly: HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || request.Method == "PROPFIND")
            : throw new DavException(StatusCodes.Status404NotFound, "Not a WebDAV path.");
    }

    /// <summary>
    /// The <c>Destination</c> header (RFC 4918 §10.3): an absolute URI on this host or an absolute path,
    /// percent-decoded exactly once; an encoded separator in a segment is a 400, as in the request's own URL.
    /// Another host, or a path outside <c>/dav</c>, is a 502 (§9.8.5).
    /// </summary>
    public static NodePath Destination(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers["Destination"].ToString();
        if (header.Length == 0)
        {
            throw new DavException(StatusCodes.Status400BadRequest, "The Destination header is required.");
        }

        return ResolveUrl(request, header) ?? throw new DavException(StatusCodes.Status502BadGateway, "The destination is not on this WebDAV server.");
    }

    /// <summary>A URL from a header resolved to a path in this namespace; null when it points elsewhere.</summary>
    public static NodePath? ResolveUrl(HttpRequest request, string url)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var uri))
        {
            throw new DavException(StatusCodes.Status400BadRequest, "The URL is not valid.");
        }

        string encodedPath;
        if (uri.IsAbsoluteUri)
        {
            if (!string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase) || uri.Scheme is not ("http" or "https"))
            {
                return null;
            }

            encodedPath = uri.AbsolutePath;
        }
        else
        {
            encodedPath = url.Split('?', '#')[0];
        }

        if (NodePath.EncodedSeparatorError(encodedPath) is { } error)
        {
            throw new DavException(StatusCodes.Status400BadRequest, error);
        }

        var decoded = Uri.UnescapeDataString(encodedPath);
        if (!decoded.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || (decoded.Length > Prefix.Length && decoded[Prefix.Length] != '/'))
        {
            return null;
        }

        return Parse(decoded[Prefix.Length..]);
    }

    /// <summary>The href of a resource: each segment percent-encoded once (see <see cref="EscapeSegment"/>), collections ending in '/'.</summary>
    public static string Href(NodePath path, bool collection)
    {
        ArgumentNullException.ThrowIfNull(path);
        var href = new StringBuilder(Prefix, Prefix.Length + path.Value.Length + 16);
        foreach (var segment in path.Segments)
        {
            href.Append('/').Append(EscapeSegment(segment.Value));
        }

        if (collection || path.IsRoot)
        {
            href.Append('/');
        }

        return href.ToString();
    }

    /// <summary>
    /// Upper-case hex, leaving '(' and ')' as they are (RFC 3986 allows them in a path, and Apache and Go's server
    /// leave them): GNOME's gvfs matches hrefs against its own unescaped ones, and "Report (2).pdf" is a common name.
    /// </summary>
    private static string EscapeSegment(string segment) =>
        Uri.EscapeDataString(segment).Replace("%28", "(", StringComparison.Ordinal).Replace("%29", ")", StringComparison.Ordinal);

    /// <summary>
    /// An invalid name is a 400 for a request that would create or change something, and a 404 for one that only
    /// reads (nothing can exist there), as Finder's probes for <c>._.</c> expect. Well-formed names outside
    /// <c>/Shared</c> and <c>/Private</c> simply do not exist (404), such as <c>/.Spotlight-V100</c> at the mount root.
    /// </summary>
    private static NodePath Parse(string? raw, bool readOnly = false)
    {
        if (NodePath.TryParse(raw, out var path, out var error))
        {
            return path;
        }

        var wellFormed = (raw ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries).All(s => NodeName.TryCreate(s, out _, out _));
        throw new DavException(wellFormed || readOnly ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, error);
    }
}
