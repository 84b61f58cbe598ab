using System.Diagnostics.CodeAnalysis;
using Strata.Domain.Files;

namespace Strata.Domain.Tags;

/// <summary>A tag's name: trimmed, 1 to 64 characters, no control characters; compared case-insensitively by <see cref="Key"/>.</summary>
public sealed record TagName
{
    public const int MaxLength = 64;

    private TagName(string value)
    {
        Value = value;
        Key = NodeName.Fold(value);
    }

    public string Value { get; }

    /// <summary>The folded form that uniqueness within a scope is decided on.</summary>
    public string Key { get; }

    public static bool TryCreate(string? raw, [NotNullWhen(true)] out TagName? name, [NotNullWhen(false)] out string? error)
    {
        name = null;
        var value = raw?.Trim().Normalize(System.Text.NormalizationForm.FormC) ?? string.Empty;
        error = value switch
        {
            { Length: 0 } => "A tag name cannot be empty.",
            { Length: > MaxLength } => $"A tag name is at most {MaxLength} characters.",
            _ when value.Any(char.IsControl) => "A tag name cannot hold control characters.",
            _ => null,
        };
        if (error is null)
        {
            name = new TagName(value);
        }

        return error is null;
    }

    public override string ToString() => Value;
}
