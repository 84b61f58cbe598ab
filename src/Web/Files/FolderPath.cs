using Strata.Domain.Files;

namespace Strata.Web.Files;

/// <summary>Links between the file manager's URLs (<c>/files/Shared/Builds</c>) and namespace paths.</summary>
internal static class FolderPath
{
    public static string Href(string path) => "/files" + FsApi.EncodePath(path);

    public static string DownloadHref(string path) => "/api/v1/fs-content" + FsApi.EncodePath(path);

    /// <summary>The thumbnail of the item's version, which the browser may cache for good (it never changes).</summary>
    public static string ThumbnailHref(NodeInfo item, int size) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"/api/v1/previews{FsApi.EncodePath(item.Path)}?size={size}&version={item.Version}");

    /// <summary>A page of a document's preview, <c>{page}</c> standing for the page number (see listing.js watchPages).</summary>
    public static string PageHref(NodeInfo item, int size) => ThumbnailHref(item, size) + "&page={page}";

    public static string DownloadHref(string path, int version) =>
        DownloadHref(path) + "?version=" + version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Browsers and proxies start refusing URLs around 8 KiB; longer selections are not offered as one link.</summary>
    public const int MaxHrefLength = 8000;

    /// <summary>One file downloads as itself; several items or any folder as a zip streamed by the server.</summary>
    public static string DownloadSelectionHref(IReadOnlyList<(string Path, bool IsFolder)> items) => items switch
    {
        [var (path, isFolder)] when !isFolder => DownloadHref(path),
        _ => "/api/v1/zip?" + string.Join('&', items.Select(i => "path=" + Uri.EscapeDataString(i.Path))),
    };

    /// <summary>Breadcrumb trail: each ancestor with its link, the root as "Files".</summary>
    public static IEnumerable<(string Label, string Href)> Trail(NodePath path)
    {
        yield return ("Files", "/files");
        var current = NodePath.Root;
        foreach (var segment in path.Segments)
        {
            current = current.Append(segment);
            yield return (segment.Value, Href(current.Value));
        }
    }
}
