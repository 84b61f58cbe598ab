using FsCheck;
using FsCheck.Fluent;

namespace Strata.Domain.Tests.Files;

/// <summary>Generators for names users actually type: Latin, accented (composed and decomposed), CJK, emoji, spaces and dots inside.</summary>
internal static class NameGenerators
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", "9", "-", "_", " ", ".", "(", ")", "é", "e\u0301", "ß", "Ä", "ö", "日本", "файл", "😀", "İ", "ǅ", "~", "#", "%", "+",
    ];

    /// <summary>Valid names: at least one piece, not ending with a dot or space, within 255 UTF-8 bytes.</summary>
    public static Arbitrary<string> ValidName() =>
        Gen.Elements(Pieces).ArrayOf().Select(p => string.Concat(p) + "x").Where(n => System.Text.Encoding.UTF8.GetByteCount(n) <= 255).ToArbitrary();

    /// <summary>One character a name may never contain: a separator or a control character.</summary>
    public static Arbitrary<char> ForbiddenChar() =>
        Gen.OneOf(Gen.Elements('/', '\\', '\0', '\u007f'), Gen.Choose(1, 31).Select(i => (char)i)).ToArbitrary();
}
