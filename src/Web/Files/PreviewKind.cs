using Strata.Domain.Files;

namespace Strata.Web.Files;

internal enum PreviewKind
{
    None,
    Image,
    Pdf,
    Audio,
    Video,
    Text,
    Markdown,

    /// <summary>A document pictured page by page (PDF, Office), from its renditions.</summary>
    Pages,
}

/// <summary>How the preview shows a file. Only what the content endpoint will serve inline goes into an element that loads it.</summary>
internal static class PreviewKinds
{
    private static readonly HashSet<string> SourceExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".log", ".csv", ".tsv", ".ini", ".cfg", ".conf", ".toml", ".yaml", ".yml", ".json", ".xml", ".html", ".htm", ".svg",
        ".cs", ".csproj", ".sln", ".props", ".targets", ".razor", ".js", ".mjs", ".ts", ".tsx", ".jsx", ".css", ".scss",
        ".py", ".rb", ".go", ".rs", ".java", ".kt", ".c", ".h", ".cpp", ".hpp", ".sh", ".ps1", ".bat", ".sql", ".diff", ".patch",
    };

    public static PreviewKind Of(NodeInfo item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var extension = System.IO.Path.GetExtension(item.Name);
        var type = item.ContentType ?? string.Empty;
        if (item.IsFolder)
        {
            return PreviewKind.None;
        }

        if (extension.Equals(".md", StringComparison.OrdinalIgnoreCase) || extension.Equals(".markdown", StringComparison.OrdinalIgnoreCase))
        {
            return PreviewKind.Markdown;
        }

        // HTML, SVG and XML are shown as their source text, never rendered.
        if (SourceExtensions.Contains(extension) || type.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            return PreviewKind.Text;
        }

        if (!ContentHeaders.MayShowInline(type))
        {
            return PreviewKind.None;
        }

        return type switch
        {
            _ when type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) => PreviewKind.Image,
            _ when type.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) => PreviewKind.Audio,
            _ when type.StartsWith("video/", StringComparison.OrdinalIgnoreCase) => PreviewKind.Video,
            _ when type.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase) => PreviewKind.Pdf,
            _ => PreviewKind.None,
        };
    }
}
