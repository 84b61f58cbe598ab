using System.Diagnostics;
using Microsoft.Extensions.Options;
using Strata.Domain.Previews;
using Strata.Infrastructure.Previews;
using Strata.Tests.Previews;

namespace Strata.Infrastructure.Tests.Previews;

public sealed class ImageRendererTests
{
    private static readonly ImageRenderer Renderer = new(Options.Create(new PreviewOptions()));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // What the bundled libvips writes and reads; BMP it cannot, HEIC has its own renderer (docs/decisions/0014).
    public static TheoryData<string> Formats => [".jpg", ".png", ".gif", ".webp", ".tif", ".avif[effort=0]"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Each_format_renders_square_crops_and_a_fit_as_webp(string format)
    {
        var source = TestImages.Photo(format);

        var result = await RenderAsync(source, RenditionSize.All);

        result.Refusal.ShouldBeNull();
        result.Images.Select(i => (i.Size, i.Width, i.Height)).OrderBy(i => i.Size)
            .ShouldBe([(64, 64, 64), (256, 256, 256), (1024, 1024, 683), (2048, 1200, 800)]);
        foreach (var image in result.Images)
        {
            TestImages.IsWebp(image.Webp).ShouldBeTrue();
            TestImages.SizeOf(image.Webp).ShouldBe((image.Width, image.Height));
        }
    }

    [Fact]
    public async Task A_jpeg_turned_by_its_exif_orientation_is_rendered_upright()
    {
        var source = TestImages.Photo(".jpg", orientation: 6);

        var result = await RenderAsync(source, [RenditionSize.Preview]);

        result.Images.ShouldHaveSingleItem().ShouldSatisfyAllConditions(i => i.Width.ShouldBe(683), i => i.Height.ShouldBe(1024));
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_from_its_header_without_decoding()
    {
        var bomb = TestImages.DecompressionBomb();
        var watch = Stopwatch.StartNew();

        var result = await RenderAsync(bomb, RenditionSize.Standard);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        result.Images.ShouldBeEmpty();
        result.Refusal.ShouldNotBeNull().ShouldContain("50000 × 50000 pixels (2500 megapixels), more than the limit of 100");
    }

    [Fact]
    public async Task A_truncated_jpeg_is_refused_rather_than_rendered_half_grey()
    {
        var result = await RenderAsync(TestImages.TruncatedJpeg(), RenditionSize.Standard);

        result.Images.ShouldBeEmpty();
        result.Refusal.ShouldNotBeNull().ShouldStartWith("Not a readable image");
    }

    [Fact]
    public async Task Bytes_that_are_no_image_are_refused()
    {
        var result = await RenderAsync("just some text"u8.ToArray(), RenditionSize.Standard);

        result.Refusal.ShouldNotBeNull().ShouldStartWith("Not a readable image");
    }

    [Fact]
    public async Task The_bundled_libvips_reads_no_bmp_so_bmp_is_not_accepted()
    {
        // 2 × 2 pixels, 24 bits: a file header and a BITMAPINFOHEADER, then two rows padded to 8 bytes.
        var bmp = new byte[54 + 16];
        "BM"u8.CopyTo(bmp);
        BitConverter.GetBytes(bmp.Length).CopyTo(bmp, 2);
        BitConverter.GetBytes(54).CopyTo(bmp, 10);
        BitConverter.GetBytes(40).CopyTo(bmp, 14);
        BitConverter.GetBytes(2).CopyTo(bmp, 18);
        BitConverter.GetBytes(2).CopyTo(bmp, 22);
        BitConverter.GetBytes((short)1).CopyTo(bmp, 26);
        BitConverter.GetBytes((short)24).CopyTo(bmp, 28);

        var result = await RenderAsync(bmp, [RenditionSize.Icon]);

        result.Refusal.ShouldNotBeNull().ShouldStartWith("Not a readable image");
        Renderer.Accepts("image/bmp").ShouldBeFalse();
    }

    [Fact]
    public async Task A_cancelled_render_stops()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(
            () => Renderer.RenderAsync(new RenderSource(() => new MemoryStream(TestImages.Photo(".png")), null), RenditionSize.Standard, cancelled.Token));
    }

    [Theory]
    [InlineData("image/jpeg", true)]
    [InlineData("image/svg+xml", false)]
    [InlineData("image/bmp", false)]
    [InlineData("application/zip", false)]
    public void Only_types_libvips_reads_safely_are_accepted(string contentType, bool accepted) =>
        Renderer.Accepts(contentType).ShouldBe(accepted);

    private static Task<RenderResult> RenderAsync(byte[] source, IReadOnlyList<int> sizes) =>
        Renderer.RenderAsync(new RenderSource(() => new MemoryStream(source, writable: false), null), sizes, Ct);
}
