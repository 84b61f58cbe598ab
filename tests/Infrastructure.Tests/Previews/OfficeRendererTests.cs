using System.Diagnostics;
using Microsoft.Extensions.Options;
using NetVips;
using Strata.Domain.Previews;
using Strata.Infrastructure.Previews;
using Strata.Tests.Previews;

namespace Strata.Infrastructure.Tests.Previews;

public sealed class OfficeRendererTests : IDisposable
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Odp = "application/vnd.oasis.opendocument.presentation";

    // LibreOffice converts these in seconds alone and took over 90 s (the production bound) on a CI machine running
    // every test project at once; what these tests check is the conversion's result, not the bound.
    private readonly OfficeRenderer _renderer = Create(new PreviewOptions { OfficeTimeout = TimeSpan.FromMinutes(5) });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_word_document_renders_its_first_page_with_the_page_count()
    {
        var result = await RenderAsync(_renderer, TestDocuments.Docx("Quarterly report", "All is well."), Docx, page: 1, RenditionSize.Standard);

        result.Refusal.ShouldBeNull();
        result.PageCount.ShouldBe(1);
        result.Images.Select(i => i.Size).Order().ShouldBe(RenditionSize.Standard);
        result.Images.ShouldAllBe(i => TestImages.IsWebp(i.Webp));
        result.Images.Single(i => i.Size == RenditionSize.Preview).Height.ShouldBe(RenditionSize.Preview);
    }

    [Fact]
    public async Task The_third_slide_of_a_deck_differs_from_the_first_and_the_deck_is_converted_once()
    {
        var deck = TestDocuments.Odp("One", "Two", "Three");
        var watch = Stopwatch.StartNew();

        var first = await RenderAsync(_renderer, deck, Odp, page: 1, [RenditionSize.Preview]);
        var converted = watch.Elapsed;
        var third = await RenderAsync(_renderer, deck, Odp, page: 3, [RenditionSize.Preview]);

        TestContext.Current.SendDiagnosticMessage($"A 3-slide deck: page 1 in {converted.TotalSeconds:0.0} s, page 3 in {(watch.Elapsed - converted).TotalSeconds:0.0} s");
        _renderer.Conversions.ShouldBe(1);
        (first.PageCount, third.PageCount).ShouldBe((3, 3));
        ColourOf(first.Images.ShouldHaveSingleItem().Webp).ShouldBe(0);
        ColourOf(third.Images.ShouldHaveSingleItem().Webp).ShouldBe(2);
        var slide = third.Images[0];
        slide.Width.ShouldBe(RenditionSize.Preview);
        slide.Height.ShouldBeLessThan(slide.Width);
    }

    [Fact]
    public async Task A_slide_past_the_last_is_refused_with_the_page_count()
    {
        var result = await RenderAsync(_renderer, TestDocuments.Odp("Only"), Odp, page: 2, [RenditionSize.Preview]);

        result.Refusal.ShouldBe("The document has 1 pages; there is no page 2.");
        result.PageCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_conversion_past_its_time_cap_is_killed_and_refused()
    {
        using var hurried = Create(new PreviewOptions { OfficeTimeout = TimeSpan.FromMilliseconds(300) });
        var watch = Stopwatch.StartNew();

        var result = await RenderAsync(hurried, TestDocuments.Docx("slow"), Docx, page: 1, [RenditionSize.Grid]);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        result.Refusal.ShouldBe("Converting the document to PDF took longer than 00:00:00.3000000.");
    }

    [Fact]
    public async Task Renders_of_one_file_at_once_wait_for_its_single_conversion()
    {
        var deck = TestDocuments.Odp("One", "Two");

        var results = await Task.WhenAll(Enumerable.Range(1, 2).Select(page => RenderAsync(_renderer, deck, Odp, page, [RenditionSize.Icon])));

        results.ShouldAllBe(r => r.Refusal == null && r.PageCount == 2);
        _renderer.Conversions.ShouldBe(1);
    }

    [Fact]
    public async Task Different_files_are_converted_each()
    {
        await RenderAsync(_renderer, TestDocuments.Docx("one"), Docx, page: 1, [RenditionSize.Icon]);
        await RenderAsync(_renderer, TestDocuments.Docx("two"), Docx, page: 1, [RenditionSize.Icon]);

        _renderer.Conversions.ShouldBe(2);
    }

    [Theory]
    [InlineData(Docx, true)]
    [InlineData("application/vnd.openxmlformats-officedocument.presentationml.presentation", true)]
    [InlineData("application/vnd.ms-excel", true)]
    [InlineData("application/vnd.oasis.opendocument.text", true)]
    [InlineData("application/pdf", false)]
    [InlineData("application/zip", false)]
    public void Office_and_opendocument_types_are_accepted_and_have_pages(string contentType, bool accepted)
    {
        _renderer.Accepts(contentType).ShouldBe(accepted);
        ((IRenderer)_renderer).RendersPages(contentType).ShouldBe(accepted);
    }

    public void Dispose() => _renderer.Dispose();

    private static OfficeRenderer Create(PreviewOptions options) => new(new PdfRenderer(Options.Create(options)), Options.Create(options), TimeProvider.System);

    private static int ColourOf(byte[] webp)
    {
        using var image = Image.NewFromBuffer(webp);
        var means = Enumerable.Range(0, 3).Select(band =>
        {
            using var b = image[band];
            return b.Avg();
        }).ToList();
        return means.IndexOf(means.Max());
    }

    private static Task<RenderResult> RenderAsync(OfficeRenderer renderer, byte[] document, string contentType, int page, IReadOnlyList<int> sizes) =>
        renderer.RenderAsync(new RenderSource(() => new MemoryStream(document, writable: false), null) { Page = page, ContentType = contentType }, sizes, Ct);
}
