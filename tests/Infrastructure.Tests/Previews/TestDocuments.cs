using System.Globalization;
using System.IO.Compression;
using System.Security;
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

    /// <summary>A one-page A4 PDF with <paramref name="lines"/> written in Helvetica, one under the other (ASCII only).</summary>
    public static byte[] TextPdf(params string[] lines)
    {
        var text = string.Concat(lines.Select((line, i) => $"BT /F1 12 Tf 72 {760 - (16 * i)} Td ({line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)}) Tj ET "));
        return Assemble(
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
            Stream(text),
        ]);
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

    /// <summary>A Word document (the three parts Word needs, zipped by hand) with one paragraph per string.</summary>
    public static byte[] Docx(params string[] paragraphs)
    {
        var body = string.Concat(paragraphs.Select(p => $"<w:p><w:r><w:t>{SecurityElement.Escape(p)}</w:t></w:r></w:p>"));
        return Zip(
            ("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                </Types>
                """),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                </Relationships>
                """),
            ("word/document.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>
                """));
    }

    /// <summary>An Excel workbook of one sheet whose first column holds the strings, as shared strings.</summary>
    public static byte[] Xlsx(params string[] cells)
    {
        var strings = string.Concat(cells.Select(c => $"<si><t>{SecurityElement.Escape(c)}</t></si>"));
        var rows = string.Concat(cells.Select((_, i) => $"<row r=\"{i + 1}\"><c r=\"A{i + 1}\" t=\"s\"><v>{i}</v></c></row>"));
        return Zip(
            ("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                </Types>
                """),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                </Relationships>
                """),
            ("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
                </Relationships>
                """),
            ("xl/worksheets/sheet1.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>
                """),
            ("xl/sharedStrings.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{cells.Length}" uniqueCount="{cells.Length}">{strings}</sst>
                """));
    }

    /// <summary>A PowerPoint deck of one slide per text (no master or layout: enough to be read, not shown).</summary>
    public static byte[] Pptx(params string[] slides)
    {
        var ids = string.Concat(slides.Select((_, i) => $"<p:sldId id=\"{256 + i}\" r:id=\"rId{i + 1}\"/>"));
        var relations = string.Concat(slides.Select((_, i) =>
            $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide\" Target=\"slides/slide{i + 1}.xml\"/>"));
        var overrides = string.Concat(slides.Select((_, i) =>
            $"<Override PartName=\"/ppt/slides/slide{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.slide+xml\"/>"));
        var parts = new List<(string, string)>
        {
            ("[Content_Types].xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>{overrides}
                </Types>
                """),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/>
                </Relationships>
                """),
            ("ppt/presentation.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:sldIdLst>{ids}</p:sldIdLst></p:presentation>
                """),
            ("ppt/_rels/presentation.xml.rels", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relations}</Relationships>
                """),
        };
        parts.AddRange(slides.Select((text, i) => ($"ppt/slides/slide{i + 1}.xml", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{SecurityElement.Escape(text)}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>
            """)));
        return Zip([.. parts]);
    }

    /// <summary>An OpenDocument text of one paragraph per string; <paramref name="doctype"/> goes before its root (a DTD attack).</summary>
    public static byte[] Odt(string[] paragraphs, string doctype = "")
    {
        var body = string.Concat(paragraphs.Select(p => $"<text:p>{SecurityElement.Escape(p)}</text:p>"));
        return Zip(
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>{doctype}
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
                <office:body><office:text>{body}</office:text></office:body>
                </office:document-content>
                """));
    }

    /// <summary>
    /// An OpenDocument presentation of one slide per title, each slide's background filled with its own colour (red,
    /// green, blue, red…) as <see cref="Pdf"/>'s pages are.
    /// </summary>
    public static byte[] Odp(params string[] titles)
    {
        string[] fills = ["#ff0000", "#00ff00", "#0000ff"];
        var styles = string.Concat(fills.Select((fill, i) =>
            $"<style:style style:name=\"bg{i}\" style:family=\"drawing-page\"><style:drawing-page-properties draw:fill=\"solid\" draw:fill-color=\"{fill}\" draw:background-size=\"full\"/></style:style>"));
        var slides = string.Concat(titles.Select((title, i) =>
            $"<draw:page draw:name=\"s{i + 1}\" draw:style-name=\"bg{i % fills.Length}\"><draw:frame svg:x=\"2cm\" svg:y=\"2cm\" svg:width=\"20cm\" svg:height=\"3cm\"><draw:text-box><text:p>{SecurityElement.Escape(title)}</text:p></draw:text-box></draw:frame></draw:page>"));
        return Zip(
            ("mimetype", "application/vnd.oasis.opendocument.presentation"),
            ("META-INF/manifest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
                <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.presentation"/>
                <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """),
            ("content.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" office:version="1.2">
                <office:automatic-styles>{styles}</office:automatic-styles>
                <office:body><office:presentation>{slides}</office:presentation></office:body>
                </office:document-content>
                """));
    }

    /// <summary>A zip of the named texts, in order, the first stored uncompressed (as OpenDocument wants its mimetype).</summary>
    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < entries.Length; i++)
            {
                var entry = archive.CreateEntry(entries[i].Name, i == 0 ? CompressionLevel.NoCompression : CompressionLevel.Fastest);
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                writer.Write(entries[i].Text);
            }
        }

        return zip.ToArray();
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
