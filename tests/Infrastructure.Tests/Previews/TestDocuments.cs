using System.Globalization;
using System.Text;

namespace Strata.Tests.Previews;

/// <summary>Documents written by hand in the tests: PDFs small enough to read, hostile ones included.</summary>
internal static class TestDocuments
{
    /// <summary>Fill colours of the pages of <see cref="Pdf"/>, in turn: red, green, blue.</summary>
    private static readonly string[] Colours = ["1 0 0", "0 1 0", "0 0 1"];

    /// <summary>
    /// An A4 PDF of <paramref name="pages"/> pages, each mostly filled with its own colour (red, green, blue, red…)
    /// and naming its number in Helvetica.
    /// </summary>
    public static byte[] Pdf(int pages)
    {
        var kids = string.Join(' ', Enumerable.Range(0, pages).Select(i => $"{4 + (2 * i)} 0 R"));
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{kids}] /Count {pages} >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        for (var i = 0; i < pages; i++)
        {
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + (2 * i)} 0 R >>");
            objects.Add(Stream($"{Colours[i % Colours.Length]} rg 0 0 595 700 re f 0 g BT /F1 48 Tf 72 760 Td (Page {i + 1}) Tj ET"));
        }

        return Assemble(objects);
    }

    /// <summary>A PDF whose page tree names itself as its only child.</summary>
    public static byte[] LoopingPdf() => Assemble(
    [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
    ]);

    /// <summary>
    /// A one-page PDF that draws for ever: its page draws a form ten times, which draws another ten times, ten levels
    /// deep (10^10 rectangles in a few hundred bytes, as a zip bomb does with bytes).
    /// </summary>
    public static byte[] EndlessPdf()
    {
        const int Levels = 10;
        var forms = string.Join(' ', Enumerable.Range(0, Levels).Select(i => $"/X{i} {5 + i} 0 R"));
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << {forms} >> >> /Contents 4 0 R >>",
            Stream($"/X{Levels - 1} Do"),
            Stream("0.5 g 10 10 500 700 re f", "/Type /XObject /Subtype /Form /BBox [0 0 595 842]"),
        };
        for (var level = 1; level < Levels; level++)
        {
            var draws = string.Concat(Enumerable.Repeat($"/X{level - 1} Do ", 10));
            objects.Add(Stream(draws, $"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X{level - 1} {4 + level} 0 R >> >>"));
        }

        return Assemble(objects);
    }

    private static string Stream(string content, string dictionary = "") =>
        $"<< {dictionary} /Length {Encoding.ASCII.GetByteCount(content)} >>\nstream\n{content}\nendstream";

    /// <summary>Numbers the objects from 1 and writes the cross-reference table that points at each.</summary>
    private static byte[] Assemble(List<string> objects)
    {
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
