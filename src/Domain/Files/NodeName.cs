using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Strata.Domain.Files;

/// <summary>
/// A validated file or folder name: NFC-normalised, case preserved, with a case-folded
/// <see cref="Key"/> that decides uniqueness within a folder.
/// </summary>
public sealed record NodeName
{
    public const int MaxUtf8Bytes = 255;

    /// <summary>Characters Windows cannot hold in a name; a team with Windows clients could not open such a file.</summary>
    private static readonly SearchValues<char> WindowsForbidden = SearchValues.Create("<>:\"|?*");

    /// <summary>Runs of more significant digits than this compare by their first this-many (no real name has them).</summary>
    private const int MaxSortedDigits = 99;

    private NodeName(string value)
    {
        Value = value;
        Key = Fold(value);
        SortKey = SortKeyOf(Key);
    }

    public string Value { get; }

    /// <summary>The case-folded form; two names collide in a folder when their keys are ordinally equal.</summary>
    public string Key { get; }

    /// <summary>
    /// The order people expect of names, as Explorer and Finder sort them: "Build 9" before "Build 10", "v2.9" before
    /// "v2.10". Ordinal comparison of these keys does it, so a database sorts by them with no collation of its own.
    /// </summary>
    public string SortKey { get; }

    public const string AppleDoublePrefix = "._";

    public const string FolderViewSettings = ".DS_Store";

    /// <summary>
    /// macOS Finder's own files on a network volume: AppleDouble companions (<c>._report.docx</c>, holding the
    /// original's tags and other extended attributes) and a folder's view settings (<c>.DS_Store</c>). Finder
    /// reads them back, so they are kept, but only WebDAV lists them: to people they are clutter (Dropbox does
    /// not even sync them).
    /// </summary>
    public static bool IsFinderMetadata(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith(AppleDoublePrefix, StringComparison.Ordinal) || name == FolderViewSettings;
    }

    public static NodeName Parse(string raw) =>
        TryCreate(raw, out var name, out var error) ? name : throw new ArgumentException(error, nameof(raw));

    public static bool TryCreate(string? raw, [NotNullWhen(true)] out NodeName? name, [NotNullWhen(false)] out string? error)
    {
        name = null;
        error = Validate(raw);
        if (error is not null)
        {
            return false;
        }

        name = new NodeName(raw!.Normalize(NormalizationForm.FormC));
        return true;
    }

    /// <summary>Case-folds a name the same way everywhere (database key, comparisons).</summary>
    public static string Fold(string value) => value.Normalize(NormalizationForm.FormC).ToUpperInvariant();

    /// <summary>
    /// <paramref name="key"/> with each run of digits written as its count of significant digits (two digits) and
    /// then those digits: a longer number then sorts after a shorter one, equal lengths compare digit by digit, and
    /// a number keeps its place among other characters (its first character is still a digit).
    /// </summary>
    public static string SortKeyOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var sorted = new StringBuilder(key.Length + 8);
        for (var i = 0; i < key.Length;)
        {
            if (!char.IsAsciiDigit(key[i]))
            {
                sorted.Append(key[i++]);
                continue;
            }

            var start = i;
            while (i < key.Length && char.IsAsciiDigit(key[i]))
            {
                i++;
            }

            var digits = key.AsSpan(start, i - start).TrimStart('0');
            digits = digits.IsEmpty ? "0" : digits[..Math.Min(digits.Length, MaxSortedDigits)];
            sorted.Append(CultureInfo.InvariantCulture, $"{digits.Length:D2}").Append(digits);
        }

        return sorted.ToString();
    }

    /// <summary>
    /// "report.pdf" + " (2)" = "report (2).pdf"; folders and dotfiles get the suffix at the end. The
    /// result is validated like any name (a suffix can push a long name over the byte limit).
    /// </summary>
    public bool TryWithSuffix(string suffix, [NotNullWhen(true)] out NodeName? name)
    {
        var dot = Value.LastIndexOf('.');
        var candidate = dot > 0 ? Value[..dot] + suffix + Value[dot..] : Value + suffix;
        return TryCreate(candidate, out name, out _);
    }

    public override string ToString() => Value;

    private static string? Validate(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return "A name cannot be empty.";
        }

        // Normalize() throws on lone surrogates, so well-formedness is checked first.
        if (!IsWellFormed(raw))
        {
            return "The name is not valid Unicode.";
        }

        if (raw is "." or "..")
        {
            return "A name cannot be '.' or '..'.";
        }

        foreach (var c in raw)
        {
            if (c is '/' or '\\')
            {
                return "A name cannot contain '/' or '\\'.";
            }

            if (char.IsControl(c))
            {
                return "A name cannot contain control characters.";
            }
        }

        // Windows drops a trailing dot or space, so two names would become one file on a Windows client.
        if (raw[^1] is '.' or ' ')
        {
            return "A name cannot end with a dot or a space: Windows cannot hold such a name.";
        }

        if (Encoding.UTF8.GetByteCount(raw.Normalize(NormalizationForm.FormC)) > MaxUtf8Bytes)
        {
            return string.Create(CultureInfo.InvariantCulture, $"A name cannot be longer than {MaxUtf8Bytes} UTF-8 bytes.");
        }

        return null;
    }

    /// <summary>
    /// Why Windows could not hold <paramref name="name"/> (a character it forbids, or a device name), or null. Asked
    /// where a name is given, for a new item or by a rename, move or copy, not where a stored name is read: items
    /// named before this rule stay reachable, so that their owners can rename them.
    /// </summary>
    public static string? WindowsProblem(NodeName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = name.Value.AsSpan().IndexOfAny(WindowsForbidden);
        if (index >= 0)
        {
            return $"A name cannot contain '{name.Value[index]}': Windows cannot hold any of < > : \" | ? * in a name.";
        }

        return IsWindowsDeviceName(name.Value)
            ? $"A name cannot be '{name.Value}': Windows reserves CON, PRN, AUX, NUL, COM1-9 and LPT1-9 for devices, with any extension."
            : null;
    }

    /// <summary>
    /// A device name is reserved on Windows whatever follows its first dot (<c>con.txt</c> opens the console), in
    /// any case; COM and LPT also take the superscript digits Windows counts as digits.
    /// </summary>
    private static bool IsWindowsDeviceName(string raw)
    {
        var stem = raw.AsSpan();
        var dot = stem.IndexOf('.');
        if (dot >= 0)
        {
            stem = stem[..dot];
        }

        stem = stem.TrimEnd(' ');
        if (stem.Length == 3)
        {
            return stem.Equals("CON", StringComparison.OrdinalIgnoreCase) || stem.Equals("PRN", StringComparison.OrdinalIgnoreCase)
                || stem.Equals("AUX", StringComparison.OrdinalIgnoreCase) || stem.Equals("NUL", StringComparison.OrdinalIgnoreCase);
        }

        return stem.Length == 4
            && (stem.StartsWith("COM", StringComparison.OrdinalIgnoreCase) || stem.StartsWith("LPT", StringComparison.OrdinalIgnoreCase))
            && stem[3] is (>= '1' and <= '9') or '\u00b9' or '\u00b2' or '\u00b3';
    }

    private static bool IsWellFormed(string raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            if (char.IsHighSurrogate(raw[i]))
            {
                if (i + 1 >= raw.Length || !char.IsLowSurrogate(raw[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(raw[i]))
            {
                return false;
            }
        }

        return true;
    }
}
