using System.Text;
using NetVips;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// Text, Markdown, CSV and source code: a picture of the first lines (at most <see cref="MaxBytes"/> read, <see
/// cref="MaxLines"/> lines of <see cref="MaxColumns"/> characters) in a monospace font, dark on white, drawn by
/// libvips through Pango with every character escaped, so nothing in the file is read as markup. Then <see
/// cref="WebpSizes"/> makes the sizes, as for any picture.
/// </summary>
public sealed class TextRenderer : IRenderer
{
    public const int MaxBytes = 8 * 1024;
    public const int MaxLines = 40;
    public const int MaxColumns = 100;

    /// <summary>The square page the lines are drawn on, in pixels, and its margin.</summary>
    private const int Page = 1024;
    private const int Margin = 40;
    private const string Font = "DejaVu Sans Mono 14";

    private static readonly HashSet<string> OtherTextTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/json", "application/x-sh", "application/javascript",
    };

    public bool Accepts(string contentType) =>
        contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || OtherTextTypes.Contains(contentType);

    /// <inheritdoc/>
    public async Task<RenderResult> RenderAsync(RenderSource source, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = await ReadStartAsync(source.Open, cancellationToken);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return RenderResult.Refused("The content is binary, not text.");
        }

        var png = Draw(FirstLines(text), cancellationToken);
        return await WebpSizes.RenderAsync(() => new MemoryStream(png, writable: false), sizes, cancellationToken);
    }

    /// <summary>
    /// Pango markup of <paramref name="text"/> as it is: the XML escapes, and control characters (which XML cannot
    /// hold) shown as U+FFFD.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var markup = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            markup.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                '\n' => "\n",
                _ when char.IsControl(c) || c is '\uFFFE' or '\uFFFF' => "\uFFFD",
                _ => c.ToString(),
            });
        }

        return markup.ToString();
    }

    /// <summary>The first <see cref="MaxBytes"/> decoded: UTF-8 unless a byte order mark says UTF-16 or UTF-32.</summary>
    private static async Task<string> ReadStartAsync(Func<Stream> open, CancellationToken cancellationToken)
    {
        var start = new byte[MaxBytes];
        var length = 0;
        await using (var source = open())
        {
            int read;
            while (length < start.Length && (read = await source.ReadAsync(start.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }

        using var reader = new StreamReader(new MemoryStream(start, 0, length, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static string FirstLines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Take(MaxLines)
            .Select(line => line.Replace("\t", "    ", StringComparison.Ordinal))
            .Select(line => line.Length > MaxColumns ? line[..MaxColumns] : line);
        return string.Join('\n', lines).TrimEnd();
    }

    private static byte[] Draw(string lines, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        const int Inside = Page - (2 * Margin);

        if (string.IsNullOrWhiteSpace(lines))
        {
            // libvips draws no ink for blank text and refuses it: a blank page says the file is empty.
            using var blank = Image.Black(Page, Page).Invert();
            return blank.PngsaveBuffer(compression: 1);
        }

        using var ink = Image.Text(Escape(lines), font: Font, width: Inside, dpi: 72, wrap: Enums.TextWrap.Char);
        using var clipped = ink.Width > Inside || ink.Height > Inside ? ink.Crop(0, 0, Math.Min(ink.Width, Inside), Math.Min(ink.Height, Inside)) : ink.Copy();
        using var paper = clipped.Invert();
        using var page = paper.Embed(Margin, Margin, Page, Page, extend: Enums.Extend.White);
        return page.PngsaveBuffer(compression: 1);
    }
}
