using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Strata.Tests.Search;

/// <summary>Files made to hurt a text extractor: small in a test, huge once read.</summary>
internal static class HostileFiles
{
    /// <summary>
    /// <paramref name="document"/> (a zipped Office or OpenDocument file) with its <paramref name="entry"/> followed by
    /// <paramref name="blanks"/> spaces: still well-formed XML, so a reader that does not refuse it inflates every one
    /// of them. A gigabyte zips to about a megabyte.
    /// </summary>
    public static byte[] ZipBomb(byte[] document, string entry, long blanks)
    {
        string xml;
        using (var source = new ZipArchive(new MemoryStream(document), ZipArchiveMode.Read))
        using (var reader = new StreamReader(source.GetEntry(entry)!.Open()))
        {
            xml = reader.ReadToEnd();
        }

        return Rezip(document, entry, zip =>
        {
            using var target = zip.CreateEntry(entry, CompressionLevel.Optimal).Open();
            target.Write(Encoding.UTF8.GetBytes(xml));
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)' ');
            for (var left = blanks; left > 0; left -= chunk.Length)
            {
                target.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
            }
        });
    }

    /// <summary><paramref name="document"/> with <paramref name="count"/> more empty files in its zip.</summary>
    public static byte[] ManyEntries(byte[] document, int count) =>
        Rezip(document, replaced: null, zip =>
        {
            for (var i = 0; i < count; i++)
            {
                zip.CreateEntry($"filler/{i}.xml", CompressionLevel.NoCompression);
            }
        });

    /// <summary>
    /// A PDF of <paramref name="fan"/>² empty pages under <paramref name="fan"/> page-tree nodes, packed in compressed
    /// object streams with a compressed cross-reference stream (PDF 1.5): a million pages (fan 1000) in about 9 MB.
    /// PdfPig opens that as 1,000,000 pages, taking seconds and close to a gigabyte.
    /// </summary>
    public static byte[] ManyPagesPdf(int fan)
    {
        // Objects: 1 catalog, 2 the root of the page tree, then fan nodes, fan² pages, one object stream per node
        // (holding it and its pages), and the cross-reference stream last.
        var firstPage = 3 + fan;
        var firstStream = firstPage + (fan * fan);
        var xrefStream = firstStream + fan;
        var offsets = new Dictionary<int, long>();
        var packed = new Dictionary<int, (int Stream, int Index)>();
        using var pdf = new MemoryStream();
        Write(pdf, "%PDF-1.5\n");
        offsets[1] = pdf.Position;
        Write(pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        offsets[2] = pdf.Position;
        var nodes = string.Join(' ', Enumerable.Range(3, fan).Select(n => $"{n} 0 R"));
        Write(pdf, $"2 0 obj\n<< /Type /Pages /Kids [{nodes}] /Count {fan * fan} /MediaBox [0 0 595 842] >>\nendobj\n");
        for (var s = 0; s < fan; s++)
        {
            var node = 3 + s;
            var pages = Enumerable.Range(firstPage + (s * fan), fan).ToList();
            var objects = new List<(int Number, string Text)>
            {
                (node, $"<</Type/Pages/Parent 2 0 R/Count {fan}/Kids[{string.Join(' ', pages.Select(p => $"{p} 0 R"))}]>>"),
            };
            objects.AddRange(pages.Select(p => (p, $"<</Type/Page/Parent {node} 0 R>>")));
            var header = new StringBuilder();
            var body = new StringBuilder();
            foreach (var ((number, text), index) in objects.Select((o, i) => (o, i)))
            {
                packed[number] = (firstStream + s, index);
                header.Append(CultureInfo.InvariantCulture, $"{number} {body.Length} ");
                body.Append(text).Append(' ');
            }

            offsets[firstStream + s] = pdf.Position;
            WriteStream(pdf, firstStream + s, $"/Type /ObjStm /N {objects.Count} /First {header.Length}", Encoding.ASCII.GetBytes(header.Append(body).ToString()));
        }

        // Entries of 1 + 4 + 2 bytes: type (0 free, 1 at an offset, 2 in an object stream), then where.
        offsets[xrefStream] = pdf.Position;
        var xref = new byte[(xrefStream + 1) * 7];
        xref[5] = xref[6] = 0xff;
        for (var n = 1; n <= xrefStream; n++)
        {
            var entry = xref.AsSpan(n * 7, 7);
            var (type, where, index) = offsets.TryGetValue(n, out var offset) ? (1, offset, 0) : (2, packed[n].Stream, packed[n].Index);
            entry[0] = (byte)type;
            BinaryPrimitives.WriteUInt32BigEndian(entry[1..5], (uint)where);
            BinaryPrimitives.WriteUInt16BigEndian(entry[5..], (ushort)index);
        }

        WriteStream(pdf, xrefStream, $"/Type /XRef /Size {xrefStream + 1} /W [1 4 2] /Root 1 0 R", xref);
        Write(pdf, $"startxref\n{offsets[xrefStream]}\n%%EOF\n");
        return pdf.ToArray();
    }

    /// <summary>An e-mail with a short plain body and an attachment of <paramref name="attachmentBytes"/> bytes, in base64.</summary>
    public static byte[] EmailWithAttachment(string subject, string body, int attachmentBytes)
    {
        using var eml = new MemoryStream();
        Write(eml, $"""
            From: Ada <ada@example.com>
            To: Bob <bob@example.com>
            Subject: {subject}
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="part"

            --part
            Content-Type: text/plain; charset=utf-8

            {body}
            --part
            Content-Type: application/octet-stream
            Content-Disposition: attachment; filename="archive.bin"
            Content-Transfer-Encoding: base64


            """.ReplaceLineEndings("\r\n"));
        var noise = new byte[57 * 1024];
        Random.Shared.NextBytes(noise);
        for (var left = attachmentBytes; left > 0; left -= noise.Length)
        {
            // 57 bytes make one 76-character line of base64.
            var line = Convert.ToBase64String(noise.AsSpan(0, Math.Min(noise.Length, left)), Base64FormattingOptions.InsertLineBreaks);
            Write(eml, line + "\r\n");
        }

        Write(eml, "--part--\r\n");
        return eml.ToArray();
    }

    /// <summary>A copy of the zipped <paramref name="document"/> without its <paramref name="replaced"/> entry, and what <paramref name="append"/> adds.</summary>
    private static byte[] Rezip(byte[] document, string? replaced, Action<ZipArchive> append)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(document), ZipArchiveMode.Read))
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.Where(e => e.FullName != replaced))
            {
                using var target = zip.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                using var original = entry.Open();
                original.CopyTo(target);
            }

            append(zip);
        }

        return output.ToArray();
    }

    private static void WriteStream(MemoryStream pdf, int number, string dictionary, byte[] content)
    {
        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(content);
        }

        Write(pdf, $"{number} 0 obj\n<< {dictionary} /Length {deflated.Length} /Filter /FlateDecode >>\nstream\n");
        deflated.WriteTo(pdf);
        Write(pdf, "\nendstream\nendobj\n");
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));
}
