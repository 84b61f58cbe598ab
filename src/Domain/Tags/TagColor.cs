using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Strata.Domain.Tags;

/// <summary>A tag's colour: one of a small named palette, or <c>#rrggbb</c>; stored as lower-case <c>#rrggbb</c>.</summary>
public static class TagColor
{
    /// <summary>The colour of a tag created without one.</summary>
    public const string Default = "#757575";

    /// <summary>The palette the UI offers, by name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Palette = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["grey"] = Default,
        ["red"] = "#e53935",
        ["orange"] = "#fb8c00",
        ["yellow"] = "#fdd835",
        ["green"] = "#43a047",
        ["teal"] = "#00897b",
        ["blue"] = "#1e88e5",
        ["purple"] = "#8e24aa",
    };

    public static bool TryParse(string? raw, [NotNullWhen(true)] out string? color, [NotNullWhen(false)] out string? error)
    {
        var value = raw?.Trim() ?? string.Empty;
        if (Palette.TryGetValue(value, out color))
        {
            error = null;
            return true;
        }

        if (value.Length == 7 && value[0] == '#' && int.TryParse(value.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _))
        {
            color = value.ToLowerInvariant();
            error = null;
            return true;
        }

        color = null;
        error = $"'{raw}' is not a colour: use #rrggbb or one of {string.Join(", ", Palette.Keys)}.";
        return false;
    }
}
