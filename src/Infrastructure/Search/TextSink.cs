using System.Text;

namespace Strata.Infrastructure.Search;

/// <summary>
/// Collects extracted text up to a character cap. Extractors append runs of text and end blocks (paragraphs, cells,
/// pages); once <see cref="IsFull"/> they stop reading, so a huge file costs no more than its first
/// <c>MaxCharacters</c>.
/// </summary>
public sealed class TextSink(int maxCharacters)
{
    private readonly StringBuilder _text = new();

    /// <summary>Whether text was cut at the cap.</summary>
    public bool Truncated { get; private set; }

    public bool IsFull => _text.Length >= maxCharacters;

    public int Length => _text.Length;

    /// <summary>Appends a run of text as it is (a word may be split across runs); false once the cap is reached.</summary>
    public bool Append(ReadOnlySpan<char> text)
    {
        var room = maxCharacters - _text.Length;
        if (text.Length > room)
        {
            _text.Append(text[..Math.Max(0, room)]);
            Truncated = true;
            return false;
        }

        _text.Append(text);
        return !IsFull;
    }

    /// <summary>Separates what comes next from what came before by a space, unless a separator is already there.</summary>
    public void Space() => Separate(' ');

    /// <summary>Ends a paragraph, cell or page: what comes next starts a new line.</summary>
    public void EndBlock() => Separate('\n');

    public override string ToString() => _text.ToString().TrimEnd();

    private void Separate(char separator)
    {
        if (_text.Length == 0 || IsFull)
        {
            return;
        }

        var last = _text[^1];
        if (last == '\n' || (last == ' ' && separator == ' '))
        {
            return;
        }

        if (last == ' ')
        {
            _text[^1] = separator;
            return;
        }

        _text.Append(separator);
    }
}
