using Microsoft.AspNetCore.StaticFiles;

namespace Strata.Infrastructure.Files;

/// <summary>
/// A file's content type from its name: ASP.NET Core's table, corrected for OpenDocument (which it lacks, or maps
/// to OLE objects) and the phone photos and media it lacks (HEIC, Matroska, FLAC, Opus), and with source code and configuration files as plain text, so that they get a preview of their
/// first lines and show inline as text.
/// </summary>
internal static class ContentTypes
{
    private const string PlainText = "text/plain";

    private static readonly FileExtensionContentTypeProvider Table = Create();

    public static string Of(string name) => Table.TryGetContentType(name, out var type) ? type : "application/octet-stream";

    private static FileExtensionContentTypeProvider Create()
    {
        var table = new FileExtensionContentTypeProvider();
        table.Mappings[".odt"] = "application/vnd.oasis.opendocument.text";
        table.Mappings[".ods"] = "application/vnd.oasis.opendocument.spreadsheet";
        table.Mappings[".odp"] = "application/vnd.oasis.opendocument.presentation";
        table.Mappings[".heic"] = "image/heic";
        table.Mappings[".heif"] = "image/heif";
        table.Mappings[".mkv"] = "video/x-matroska";
        table.Mappings[".flac"] = "audio/flac";
        table.Mappings[".opus"] = "audio/ogg";

        // Not .ts (an MPEG transport stream as often as TypeScript) nor types the table already names as text.
        string[] text =
        [
            ".log", ".ini", ".cfg", ".conf", ".toml", ".yaml", ".yml", ".env", ".properties",
            ".cs", ".csproj", ".sln", ".slnx", ".props", ".targets", ".razor", ".cshtml", ".fs", ".vb",
            ".tsx", ".scss", ".less", ".py", ".rb", ".go", ".rs", ".java", ".kt", ".kts", ".swift", ".scala", ".php", ".pl", ".lua",
            ".hpp", ".hh", ".cc", ".cxx", ".m", ".sh", ".bash", ".zsh", ".ps1", ".psm1", ".bat", ".cmd", ".sql", ".diff", ".patch",
            ".gradle", ".cmake", ".dockerfile", ".gitignore", ".editorconfig",
        ];
        foreach (var extension in text)
        {
            table.Mappings[extension] = PlainText;
        }

        return table;
    }
}
