using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Strata.Domain.Files;

namespace Strata.Domain.Search;

public enum SearchTermKind
{
    Word,
    Phrase,
    Prefix,
}

/// <summary>A word, "a phrase" or a prefix* the user typed; <see cref="Excluded"/> when it came with a leading <c>-</c>.</summary>
public sealed record SearchTerm(string Text, SearchTermKind Kind, bool Excluded);

public enum SearchSort
{
    Relevance,
    Newest,
    Name,
}

/// <summary>
/// What a user typed into the search box, parsed: words, "phrases", prefix*, <c>-exclusions</c> and the filters
/// <c>type:</c>, <c>tag:</c>, <c>in:</c>, <c>modified:</c>, <c>owner:</c> and <c>size:</c>. The caps keep one query from
/// costing the server more than a query should (leading wildcards are refused, as are very long queries).
/// </summary>
public sealed record SearchQuery
{
    public const int MaxLength = 512;
    public const int MaxParts = 32;
    public const int MinPrefixLength = 2;

    /// <summary>Largest first, so that "MB" is not read as a number ending in "M" and the unit "B".</summary>
    private static readonly string[] SizeUnits = ["TB", "GB", "MB", "KB", "B"];

    /// <summary>Beyond any real file in any unit, and well inside what a <see langword="long"/> holds in bytes.</summary>
    private const decimal MaxSizeAmount = 1_000_000;

    public IReadOnlyList<SearchTerm> Terms { get; init; } = [];

    /// <summary>Lower-case extensions (<c>pdf</c>) or kinds (<c>folder</c>, <c>image</c>, <c>document</c> …); any of them matches.</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>Tag names; an item must carry all of them.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public NodePath? In { get; init; }

    public DateTimeOffset? ModifiedFrom { get; init; }

    public DateTimeOffset? ModifiedBefore { get; init; }

    /// <summary>An owner's email address or user name.</summary>
    public string? Owner { get; init; }

    public long? MinSize { get; init; }

    public long? MaxSize { get; init; }

    public SearchSort Sort { get; init; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out SearchQuery? query, [NotNullWhen(false)] out string? error)
    {
        query = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Type something to search for.";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"A search may be at most {MaxLength} characters long.";
            return false;
        }

        if (!TrySplit(text, out var parts, out error))
        {
            return false;
        }

        if (parts.Count > MaxParts)
        {
            error = $"A search may have at most {MaxParts} words and filters.";
            return false;
        }

        var parsed = new SearchQuery();
        foreach (var part in parts)
        {
            if (!TryApply(parsed, part, out parsed, out error))
            {
                return false;
            }
        }

        if (!parsed.Terms.Any(t => !t.Excluded) && !parsed.HasFilter)
        {
            error = "A search needs a word or a filter besides what it excludes.";
            return false;
        }

        query = parsed;
        return true;
    }

    private bool HasFilter =>
        Types.Count > 0 || Tags.Count > 0 || In is not null || ModifiedFrom is not null || ModifiedBefore is not null
        || Owner is not null || MinSize is not null || MaxSize is not null;

    /// <summary>One piece of the query as typed: an optional leading minus, an optional <c>key:</c>, and a value that was quoted or not.</summary>
    private sealed record Part(bool Excluded, string? Key, string Value, bool Quoted);

    private static bool TrySplit(string text, out List<Part> parts, [NotNullWhen(false)] out string? error)
    {
        parts = [];
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var excluded = text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);
            if (excluded)
            {
                i++;
            }

            string? key = null;
            var keyEnd = text.IndexOf(':', i);
            var wordEnd = IndexOfWhiteSpace(text, i);
            if (keyEnd > i && keyEnd < wordEnd && text[i] != '"' && IsFilterKey(text[i..keyEnd]))
            {
                key = text[i..keyEnd].ToLowerInvariant();
                i = keyEnd + 1;
            }

            if (i < text.Length && text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    error = "A phrase is missing its closing quote.";
                    return false;
                }

                parts.Add(new Part(excluded, key, text[(i + 1)..close], Quoted: true));
                i = close + 1;
                continue;
            }

            var end = IndexOfWhiteSpace(text, i);
            parts.Add(new Part(excluded, key, text[i..end], Quoted: false));
            i = end;
        }

        error = null;
        return true;
    }

    private static int IndexOfWhiteSpace(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return text.Length;
    }

    private static bool IsFilterKey(string key) =>
        key.ToLowerInvariant() is "type" or "tag" or "in" or "modified" or "owner" or "size";

    private static bool TryApply(SearchQuery query, Part part, out SearchQuery applied, [NotNullWhen(false)] out string? error)
    {
        applied = query;
        if (part.Key is not null && part.Excluded)
        {
            error = $"'-{part.Key}:' is not supported: a minus excludes words and phrases only.";
            return false;
        }

        if (part.Key is not null && string.IsNullOrWhiteSpace(part.Value))
        {
            error = $"'{part.Key}:' needs a value.";
            return false;
        }

        switch (part.Key)
        {
            case null:
                return TryAddTerm(query, part, out applied, out error);
            case "type":
                applied = query with { Types = [.. query.Types, .. part.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.TrimStart('.').ToLowerInvariant())] };
                error = null;
                return true;
            case "tag":
                applied = query with { Tags = [.. query.Tags, part.Value.Trim()] };
                error = null;
                return true;
            case "owner":
                applied = query with { Owner = part.Value.Trim() };
                error = null;
                return true;
            case "in":
                if (!NodePath.TryParse(part.Value, out var folder, out var pathError))
                {
                    error = $"'in:{part.Value}' is not a folder path: {pathError}";
                    return false;
                }

                applied = query with { In = folder };
                error = null;
                return true;
            case "modified":
                return TryApplyModified(query, part.Value, out applied, out error);
            default:
                return TryApplySize(query, part.Value, out applied, out error);
        }
    }

    private static bool TryAddTerm(SearchQuery query, Part part, out SearchQuery applied, [NotNullWhen(false)] out string? error)
    {
        applied = query;
        var text = part.Value.Trim();
        if (text.Length == 0)
        {
            error = null;
            return true;
        }

        var kind = part.Quoted ? SearchTermKind.Phrase : SearchTermKind.Word;
        if (!part.Quoted && text.Contains('*', StringComparison.Ordinal))
        {
            var stem = text.TrimEnd('*');
            if (stem.Contains('*', StringComparison.Ordinal) || stem.Length < MinPrefixLength)
            {
                error = $"'{text}': a * goes only at the end of a word, after at least {MinPrefixLength} characters.";
                return false;
            }

            (text, kind) = (stem, SearchTermKind.Prefix);
        }

        applied = query with { Terms = [.. query.Terms, new SearchTerm(text, kind, part.Excluded)] };
        error = null;
        return true;
    }

    private static bool TryApplyModified(SearchQuery query, string value, out SearchQuery applied, [NotNullWhen(false)] out string? error)
    {
        applied = query;
        var (comparison, rest) = SplitComparison(value);
        if (!DateOnly.TryParseExact(rest, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            error = $"'modified:{value}' needs a date written as yyyy-mm-dd, e.g. modified:>2026-01-01.";
            return false;
        }

        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var next = start.AddDays(1);
        applied = comparison switch
        {
            ">" => query with { ModifiedFrom = Later(query.ModifiedFrom, next) },
            ">=" => query with { ModifiedFrom = Later(query.ModifiedFrom, start) },
            "<" => query with { ModifiedBefore = Earlier(query.ModifiedBefore, start) },
            "<=" => query with { ModifiedBefore = Earlier(query.ModifiedBefore, next) },
            _ => query with { ModifiedFrom = Later(query.ModifiedFrom, start), ModifiedBefore = Earlier(query.ModifiedBefore, next) },
        };
        error = null;
        return true;
    }

    private static bool TryApplySize(SearchQuery query, string value, out SearchQuery applied, [NotNullWhen(false)] out string? error)
    {
        applied = query;
        var (comparison, rest) = SplitComparison(value);
        if (!TryParseSize(rest, out var bytes))
        {
            error = $"'size:{value}' needs a size such as size:>100MB (B, KB, MB, GB or TB).";
            return false;
        }

        applied = comparison switch
        {
            ">" => query with { MinSize = Math.Max(query.MinSize ?? 0, bytes + 1) },
            ">=" => query with { MinSize = Math.Max(query.MinSize ?? 0, bytes) },
            "<" => query with { MaxSize = Math.Min(query.MaxSize ?? long.MaxValue, bytes - 1) },
            "<=" => query with { MaxSize = Math.Min(query.MaxSize ?? long.MaxValue, bytes) },
            _ => query with { MinSize = bytes, MaxSize = bytes },
        };
        error = null;
        return true;
    }

    private static (string Comparison, string Operand) SplitComparison(string value)
    {
        var trimmed = value.Trim();
        foreach (var comparison in new[] { ">=", "<=", ">", "<" })
        {
            if (trimmed.StartsWith(comparison, StringComparison.Ordinal))
            {
                return (comparison, trimmed[comparison.Length..].Trim());
            }
        }

        return ("=", trimmed);
    }

    /// <summary>Sizes count in powers of 1024, as file managers show them.</summary>
    private static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var unit = SizeUnits.FirstOrDefault(u => text.EndsWith(u, StringComparison.OrdinalIgnoreCase)) ?? "B";
        var number = text.EndsWith(unit, StringComparison.OrdinalIgnoreCase) ? text[..^unit.Length].Trim() : text;
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount > MaxSizeAmount)
        {
            return false;
        }

        bytes = (long)(amount * (decimal)Math.Pow(1024, SizeUnits.Length - 1 - Array.IndexOf(SizeUnits, unit)));
        return true;
    }

    private static DateTimeOffset Later(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } known && known > candidate ? known : candidate;

    private static DateTimeOffset Earlier(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } known && known < candidate ? known : candidate;
}
