using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Strata.Web.Uploads;

/// <summary>The tus <c>Upload-Metadata</c> header: comma-separated <c>key base64(value)</c> pairs, value optional.</summary>
internal static class UploadMetadata
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryParse(string header, [NotNullWhen(true)] out Dictionary<string, string>? pairs, [NotNullWhen(false)] out string? error)
    {
        pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var value = parts.Length switch
            {
                1 => string.Empty,
                2 => Decode(parts[1]),
                _ => null,
            };
            if (value is null || !pairs.TryAdd(parts[0], value))
            {
                pairs = null;
                error = $"Upload-Metadata is malformed near '{parts[0]}' (expected unique keys with base64 UTF-8 values).";
                return false;
            }
        }

        error = null;
        return true;
    }

    private static string? Decode(string base64)
    {
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
