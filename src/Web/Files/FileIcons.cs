using MudBlazor;

namespace Strata.Web.Files;

/// <summary>A type icon from the file's extension.</summary>
internal static class FileIcons
{
    public static string For(string name) => System.IO.Path.GetExtension(name).ToUpperInvariant() switch
    {
        ".PNG" or ".JPG" or ".JPEG" or ".GIF" or ".WEBP" or ".SVG" or ".BMP" => Icons.Material.Filled.Image,
        ".MP4" or ".MKV" or ".MOV" or ".WEBM" or ".AVI" => Icons.Material.Filled.Movie,
        ".MP3" or ".WAV" or ".FLAC" or ".OGG" or ".M4A" => Icons.Material.Filled.AudioFile,
        ".PDF" => Icons.Material.Filled.PictureAsPdf,
        ".ZIP" or ".7Z" or ".TAR" or ".GZ" or ".XZ" or ".RAR" => Icons.Material.Filled.FolderZip,
        ".TXT" or ".MD" or ".LOG" or ".CSV" => Icons.Material.Filled.Description,
        ".CS" or ".JS" or ".TS" or ".PY" or ".JSON" or ".XML" or ".YAML" or ".YML" or ".SH" or ".C" or ".CPP" or ".H" => Icons.Material.Filled.Code,
        ".DMP" or ".MDMP" or ".CORE" => Icons.Material.Filled.BugReport,
        _ => Icons.Material.Filled.InsertDriveFile,
    };
}
