using Strata.Web.Files;
using Strata.Web.Sharing;

namespace Strata.Web.Components.Sharing;

/// <summary>URLs of a link's pages and of its visitor API, for a path relative to the link's root.</summary>
internal static class LinkHrefs
{
    public static string Page(string token, string relativePath) => Join(LinkVisitor.PageBase(Uri.EscapeDataString(token)), relativePath);

    public static string Content(string token, string relativePath, bool inline = false) =>
        Join(LinkVisitor.ApiBase(Uri.EscapeDataString(token)) + "/content", relativePath) + (inline ? "?inline=1" : string.Empty);

    public static string Zip(string token, string relativePath) => Join(LinkVisitor.ApiBase(Uri.EscapeDataString(token)) + "/zip", relativePath);

    /// <summary>The trail from the link's root to <paramref name="relativePath"/>: each step's label and relative path.</summary>
    public static IEnumerable<(string Label, string Path)> Trail(string rootName, string relativePath)
    {
        yield return (rootName, string.Empty);
        var current = string.Empty;
        foreach (var segment in relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current.Length == 0 ? segment : current + "/" + segment;
            yield return (segment, current);
        }
    }

    private static string Join(string prefix, string relativePath) =>
        relativePath.Length == 0 ? prefix : prefix + FsApi.EncodePath("/" + relativePath);
}
