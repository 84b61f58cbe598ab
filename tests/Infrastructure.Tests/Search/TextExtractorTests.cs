using System.Text;
using Strata.Infrastructure.Search;
using Strata.Tests.Previews;

namespace Strata.Infrastructure.Tests.Search;

public sealed class TextExtractorTests
{
    private const string Word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Excel = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string PowerPoint = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pdf_gives_the_words_of_every_page_a_line_each()
    {
        var text = await ExtractAsync(new PdfTextExtractor(), TestDocuments.Pdf(3));

        text.Split('\n').ShouldBe(["Page 1", "Page 2", "Page 3"]);
    }

    [Fact]
    public async Task An_encrypted_or_broken_pdf_says_why_it_gave_nothing()
    {
        await Should.ThrowAsync<Exception>(() => ExtractAsync(new PdfTextExtractor(), Encoding.ASCII.GetBytes("%PDF-1.4 not really")));
    }

    [Fact]
    public async Task Word_excel_and_powerpoint_give_their_paragraphs_cells_and_slides()
    {
        var word = await ExtractAsync(new OfficeTextExtractor(), TestDocuments.Docx("Quarterly forecast", "Café crème"), Word);
        var excel = await ExtractAsync(new OfficeTextExtractor(), TestDocuments.Xlsx("Revenue", "Forecast Q3"), Excel);

        var deck = await ExtractAsync(new OfficeTextExtractor(), TestDocuments.Pptx("Roadmap", "Budget 2027"), PowerPoint);

        word.Split('\n').ShouldBe(["Quarterly forecast", "Café crème"]);
        deck.Split('\n').ShouldBe(["Roadmap", "Budget 2027"]);
        excel.ShouldContain("Revenue");
        excel.ShouldContain("Forecast Q3");
    }

    [Fact]
    public async Task OpenDocument_gives_its_paragraphs_and_slides()
    {
        var text = await ExtractAsync(new OpenDocumentTextExtractor(), TestDocuments.Odt(["First paragraph", "Second one"]));
        var slides = await ExtractAsync(new OpenDocumentTextExtractor(), TestDocuments.Odp("Roadmap", "Budget"));

        text.Split('\n').ShouldBe(["First paragraph", "Second one"]);
        slides.Split('\n').ShouldBe(["Roadmap", "Budget"]);
    }

    [Fact]
    public async Task OpenDocument_with_a_dtd_is_refused_and_its_entities_are_never_resolved()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"strata-secret-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(secret, "TOPSECRET", Ct);
        var hostile = TestDocuments.Odt(["&xxe;"], $"<!DOCTYPE office:document-content [<!ENTITY xxe SYSTEM \"file://{secret}\">]>");

        var read = async () => await ExtractAsync(new OpenDocumentTextExtractor(), hostile);

        (await read.ShouldThrowAsync<System.Xml.XmlException>()).Message.ShouldContain("DTD");
        File.Delete(secret);
    }

    [Fact]
    public async Task Html_gives_the_title_and_visible_text_but_no_script_or_style()
    {
        const string html = """
            <html><head><title>Release notes</title><style>.x{color:red}</style></head>
            <body><h1>Version 7</h1><p>Fixes   the
            crash.</p><script>var secret = "hidden";</script><ul><li>One</li><li>Two</li></ul></body></html>
            """;

        var text = await ExtractAsync(new HtmlTextExtractor(), Encoding.UTF8.GetBytes(html));

        text.Split('\n').ShouldBe(["Release notes", "Version 7", "Fixes the crash.", "One", "Two"]);
    }

    [Fact]
    public async Task An_email_gives_its_subject_people_and_body()
    {
        const string eml = """
            From: Alice <alice@example.com>
            To: Bob <bob@example.com>
            Subject: Build 7 is out
            Content-Type: text/html; charset=utf-8

            <p>The <b>installer</b> is ready.</p><script>nope()</script>
            """;

        var text = await ExtractAsync(new EmailTextExtractor(), Encoding.UTF8.GetBytes(eml.Replace("\n", "\r\n", StringComparison.Ordinal)));

        text.ShouldContain("Build 7 is out");
        text.ShouldContain("alice@example.com");
        text.ShouldContain("The installer is ready.");
        text.ShouldNotContain("nope");
    }

    [Fact]
    public async Task Plain_text_is_read_in_the_encoding_its_bom_names_and_cut_at_the_cap()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("naïve façade")).ToArray();
        var sink = new TextSink(maxCharacters: 5);

        var text = await ExtractAsync(new PlainTextExtractor(), utf16);
        await new PlainTextExtractor().ExtractAsync(new MemoryStream(Encoding.UTF8.GetBytes("abcdefghij")), "text/plain", sink, Ct);

        text.ShouldBe("naïve façade");
        (sink.ToString(), sink.Truncated).ShouldBe(("abcde", true));
    }

    [Theory]
    [InlineData("text/markdown", typeof(PlainTextExtractor))]
    [InlineData("text/csv", typeof(PlainTextExtractor))]
    [InlineData("text/html", typeof(HtmlTextExtractor))]
    [InlineData("message/rfc822", typeof(EmailTextExtractor))]
    [InlineData("application/vnd.oasis.opendocument.spreadsheet", typeof(OpenDocumentTextExtractor))]
    [InlineData("application/vnd.openxmlformats-officedocument.presentationml.presentation", typeof(OfficeTextExtractor))]
    public void Each_format_has_exactly_one_reader(string contentType, Type reader)
    {
        ITextExtractor[] all = [new PdfTextExtractor(), new OfficeTextExtractor(), new OpenDocumentTextExtractor(), new HtmlTextExtractor(), new EmailTextExtractor(), new PlainTextExtractor()];

        all.Where(e => e.Accepts(contentType)).ShouldHaveSingleItem().ShouldBeOfType(reader);
    }

    private static async Task<string> ExtractAsync(ITextExtractor extractor, byte[] content, string contentType = "")
    {
        var sink = new TextSink(1_000_000);
        await extractor.ExtractAsync(new MemoryStream(content), contentType, sink, Ct);
        return sink.ToString();
    }
}
