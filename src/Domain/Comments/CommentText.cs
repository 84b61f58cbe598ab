using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Strata.Domain.Comments;

/// <summary>
/// The rules for what people write: the body's size, the <c>@user</c> mentions in it, its excerpt for events, and
/// the reactions they add.
/// </summary>
/// <remarks>
/// A mention is <c>@</c> followed by a user name (the name of the user's <c>/Private</c> folder: letters, digits,
/// <c>.</c>, <c>-</c>, <c>_</c>), at the start of the text or after a character that is not part of a word, so that
/// email addresses (<c>bob@example.com</c>) do not mention anyone. A trailing full stop ends the sentence, not the
/// name. <c>@[alice]</c> may be written where the name is followed by letters.
/// </remarks>
public static partial class CommentText
{
    public const int MaxLength = 10_000;

    /// <summary>Most users one comment mentions (and an event carries).</summary>
    public const int MaxMentions = 20;

    public const int ExcerptLength = 120;

    /// <summary>Longest reaction in UTF-16 units: room for family and flag sequences, not for words.</summary>
    public const int MaxEmojiLength = 16;

    /// <summary>Checks a body before it is stored; <paramref name="error"/> says what is wrong.</summary>
    public static bool IsValidBody(string? body, out string error)
    {
        error = string.IsNullOrWhiteSpace(body) ? "The comment is empty."
            : body.Length > MaxLength ? $"A comment has at most {MaxLength} characters."
            : string.Empty;
        return error.Length == 0;
    }

    /// <summary>The user names mentioned, in order of first appearance, without repeats (case-insensitive), at most <see cref="MaxMentions"/>.</summary>
    public static IReadOnlyList<string> Mentions(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return MentionPattern().Matches(body)
            .Select(m => (m.Groups["bracketed"].Success ? m.Groups["bracketed"].Value : m.Groups["bare"].Value).TrimEnd('.'))
            .Where(name => name.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxMentions)
            .ToList();
    }

    /// <summary>The start of the text on one line, for events and notifications; Markdown marks are left as written.</summary>
    public static string Excerpt(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var flat = WhitespaceRun().Replace(body, " ").Trim();
        if (flat.Length <= ExcerptLength)
        {
            return flat;
        }

        // Cut on a whole text element so that no emoji or accent is broken in half.
        var cut = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(flat);
        while (elements.MoveNext() && cut.Length + elements.GetTextElement().Length < ExcerptLength)
        {
            cut.Append(elements.GetTextElement());
        }

        return cut.Append('…').ToString();
    }

    /// <summary>
    /// A reaction is one emoji: a single grapheme (skin tones and joined sequences included), not a letter, digit,
    /// punctuation mark or space, of at most <see cref="MaxEmojiLength"/> UTF-16 units.
    /// </summary>
    public static bool IsValidEmoji(string? emoji)
    {
        if (string.IsNullOrEmpty(emoji) || emoji.Length > MaxEmojiLength || new StringInfo(emoji).LengthInTextElements != 1)
        {
            return false;
        }

        var first = emoji.EnumerateRunes().First();
        return Rune.GetUnicodeCategory(first) is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol
            || (Rune.IsDigit(first) && emoji.Contains('\u20E3', StringComparison.Ordinal)) // keycap 1️⃣
            || first.Value is >= 0x1F1E6 and <= 0x1F1FF; // regional indicators make flags
    }

    [GeneratedRegex(@"(?<![\w@.])@(?:\[(?<bracketed>[\w.\-]{1,64})\]|(?<bare>[\w.\-]{1,64}))", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex WhitespaceRun();
}
