using Strata.Web.Files;

namespace Strata.Web.Sharing;

/// <summary>URLs of a link's pages and of its visitor API, for a path relative to the link's root.</summary>
internal static class LinkHrefs
{
    public static string Page(string token, string relativePath) => Join(LinkVisitor.PageBase(Uri.EscapeDataString(token)), relativePath);

    public static string Content(string token, string relativePath, bool inline = false) =>
        Join(LinkVisitor.ApiBase(Uri.EscapeDataString(token)) + "/content", relativePath) + (inline ? "?inline=1" : string.Empty);

    public static string Preview(string token, string relativePath, int size) =>
        Join(LinkVisitor.ApiBase(Uri.EscapeDataString(token)) + "/preview", relativePath)
        + "?size=" + size.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Zip(string token, string relativePath) => Join(LinkVisitor.ApiBase(Uri.EscapeDataString(token)) + "/zip", relativePath);

    /// <summary>
    /// Breadcrumbs inside a link, from its root to <paramref name="relativePath"/>: they start at the link's root,
    /// which is all a visitor knows of the tree.
    /// </summary>
    public static IReadOnlyList<(string Label, string Href)> Trail(string token, string rootName, string relativePath)
    {
        var steps = new List<(string, string)> { (rootName, Page(token, string.Empty)) };
        var current = string.Empty;
        foreach (var segment in relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current.Length == 0 ? segment : current + "/" + segment;
            steps.Add((segment, Page(token, current)));
        }

        return steps;
    }

    private static string Join(string prefix, string relativePath) =>
        relativePath.Length == 0 ? prefix : prefix + FsApi.EncodePath("/" + relativePath);
}
