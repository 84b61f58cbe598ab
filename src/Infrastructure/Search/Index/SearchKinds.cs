namespace Strata.Infrastructure.Search.Index;

/// <summary>The kinds <c>type:</c> knows besides extensions, from the content type that every version records.</summary>
public static class SearchKinds
{
    public const string Folder = "folder";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Folder, "image", "video", "audio", "document", "spreadsheet", "presentation", "archive", "text", "other",
    };

    public static string Of(bool isFolder, string? contentType)
    {
        if (isFolder)
        {
            return Folder;
        }

        var type = contentType?.ToLowerInvariant() ?? string.Empty;
        return type switch
        {
            _ when type.StartsWith("image/", StringComparison.Ordinal) => "image",
            _ when type.StartsWith("video/", StringComparison.Ordinal) => "video",
            _ when type.StartsWith("audio/", StringComparison.Ordinal) => "audio",
            _ when type.Contains("spreadsheet", StringComparison.Ordinal) || type.Contains("excel", StringComparison.Ordinal) || type == "text/csv" => "spreadsheet",
            _ when type.Contains("presentation", StringComparison.Ordinal) || type.Contains("powerpoint", StringComparison.Ordinal) => "presentation",
            _ when type is "application/pdf" or "application/msword" or "application/rtf" or "message/rfc822"
                || type.Contains("wordprocessing", StringComparison.Ordinal) || type.Contains("opendocument.text", StringComparison.Ordinal) => "document",
            _ when type is "application/zip" or "application/gzip" or "application/x-tar" or "application/x-7z-compressed" or "application/x-rar-compressed" => "archive",
            _ when type.StartsWith("text/", StringComparison.Ordinal) => "text",
            _ => "other",
        };
    }

    /// <summary>The lower-case extension without its dot, or null.</summary>
    public static string? ExtensionOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dot = name.LastIndexOf('.');
        return dot > 0 && dot < name.Length - 1 ? name[(dot + 1)..].ToLowerInvariant() : null;
    }
}
