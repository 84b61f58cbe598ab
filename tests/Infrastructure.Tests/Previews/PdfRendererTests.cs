using System.Diagnostics;
using Microsoft.Extensions.Options;
using NetVips;
using Strata.Domain.Previews;
using Strata.Infrastructure.Previews;
using Strata.Tests.Previews;

namespace Strata.Infrastructure.Tests.Previews;

public sealed class PdfRendererTests
{
    private static readonly PdfRenderer Renderer = new(Options.Create(new PreviewOptions()));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_page_renders_square_crops_and_a_fit_as_webp_and_counts_the_pages()
    {
        var result = await RenderAsync(Renderer, TestDocuments.Pdf(3), page: 1, RenditionSize.All);

        result.Refusal.ShouldBeNull();
        result.PageCount.ShouldBe(3);
        var images = result.Images.OrderBy(i => i.Size).ToList();
        images.Select(i => i.Size).ShouldBe(RenditionSize.All);
        images.Take(2).ShouldAllBe(i => i.Width == i.Size && i.Height == i.Size);
        images.Skip(2).ShouldAllBe(i => i.Height == i.Size && Math.Abs(i.Width - (i.Size * 595 / 842)) <= 1);
        foreach (var image in images)
        {
            TestImages.IsWebp(image.Webp).ShouldBeTrue();
            TestImages.SizeOf(image.Webp).ShouldBe((image.Width, image.Height));
        }
    }

    [Fact]
    public async Task Page_3_differs_from_page_1()
    {
        var pdf = TestDocuments.Pdf(3);

        var first = await RenderAsync(Renderer, pdf, page: 1, [RenditionSize.Preview]);
        var third = await RenderAsync(Renderer, pdf, page: 3, [RenditionSize.Preview]);

        third.PageCount.ShouldBe(3);
        ColourOf(first.Images.ShouldHaveSingleItem().Webp).ShouldBe(Red);
        ColourOf(third.Images.ShouldHaveSingleItem().Webp).ShouldBe(Blue);
    }

    [Fact]
    public async Task A_page_past_the_last_is_refused_with_the_page_count()
    {
        var result = await RenderAsync(Renderer, TestDocuments.Pdf(2), page: 3, [RenditionSize.Preview]);

        result.Images.ShouldBeEmpty();
        result.PageCount.ShouldBe(2);
        result.Refusal.ShouldBe("The document has 2 pages; there is no page 3.");
    }

    [Fact]
    public async Task Bytes_that_are_no_pdf_are_refused_without_naming_the_local_file()
    {
        var result = await RenderAsync(Renderer, "just some text"u8.ToArray(), page: 1, RenditionSize.Standard);

        result.Refusal.ShouldNotBeNull().ShouldStartWith("Not a readable PDF: ");
        result.Refusal.ShouldNotContain(Path.GetTempPath());
    }

    [Fact]
    public async Task A_pdf_whose_page_tree_loops_is_refused_at_once()
    {
        var watch = Stopwatch.StartNew();

        var result = await RenderAsync(Renderer, TestDocuments.LoopingPdf(), page: 1, RenditionSize.Standard);

        result.Images.ShouldBeEmpty();
        result.Refusal.ShouldNotBeNull();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_pdf_that_draws_for_ever_is_killed_at_its_time_cap_and_refused()
    {
        var capped = new PdfRenderer(Options.Create(new PreviewOptions { DocumentTimeout = TimeSpan.FromSeconds(2) }));
        var watch = Stopwatch.StartNew();

        var result = await RenderAsync(capped, TestDocuments.EndlessPdf(), page: 1, RenditionSize.Standard);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8));
        result.Images.ShouldBeEmpty();
        result.Refusal.ShouldBe("Drawing page 1 took longer than 00:00:02.");
        result.PageCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_local_file_whose_name_has_shell_characters_renders_and_runs_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("strata-pdf-test-");
        try
        {
            var path = Path.Combine(folder.FullName, "-f 2 $(touch pwned); `touch pwned` | & 'quoted' \"q\" * ?.pdf");
            await File.WriteAllBytesAsync(path, TestDocuments.Pdf(2), Ct);

            var result = await Renderer.RenderAsync(new RenderSource(() => File.OpenRead(path), path) { Page = 2 }, [RenditionSize.Grid], Ct);

            result.Refusal.ShouldBeNull();
            ColourOf(result.Images.ShouldHaveSingleItem().Webp).ShouldBe(Green);
            File.Exists(Path.Combine(folder.FullName, "pwned")).ShouldBeFalse();
            File.Exists("pwned").ShouldBeFalse();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_scratch_folder_is_deleted_afterwards()
    {
        var scratch = Directory.CreateTempSubdirectory("strata-pdf-scratch-");
        try
        {
            var renderer = new PdfRenderer(Options.Create(new PreviewOptions { ScratchPath = scratch.FullName }));

            var result = await RenderAsync(renderer, TestDocuments.Pdf(1), page: 1, [RenditionSize.Icon]);

            result.Images.ShouldHaveSingleItem();
            scratch.GetFileSystemInfos().ShouldBeEmpty();
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("application/pdf", true)]
    [InlineData("application/PDF", true)]
    [InlineData("image/png", false)]
    public void Only_pdf_is_accepted_and_has_pages(string contentType, bool accepted)
    {
        Renderer.Accepts(contentType).ShouldBe(accepted);
        ((IRenderer)Renderer).RendersPages(contentType).ShouldBe(accepted);
    }

    private const int Red = 0;
    private const int Green = 1;
    private const int Blue = 2;

    /// <summary>Which band (0 red, 1 green, 2 blue) is strongest on average over the picture.</summary>
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

    private static Task<RenderResult> RenderAsync(PdfRenderer renderer, byte[] pdf, int page, IReadOnlyList<int> sizes) =>
        renderer.RenderAsync(new RenderSource(() => new MemoryStream(pdf, writable: false), null) { Page = page }, sizes, Ct);
}
