using Microsoft.Extensions.Options;
using Strata.Domain.Previews;
using Strata.Infrastructure.Previews;
using Strata.Tests.Previews;

namespace Strata.Infrastructure.Tests.Previews;

public sealed class HeicRendererTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_phone_photo_renders_square_crops_and_a_fit_as_webp()
    {
        var heic = await TestImages.HeicAsync();
        var renderer = new HeicRenderer(Options.Create(new PreviewOptions()));

        var result = await renderer.RenderAsync(new RenderSource(() => new MemoryStream(heic, writable: false), LocalPath: null), RenditionSize.Standard, Ct);

        result.Refusal.ShouldBeNull();
        result.Images.Select(i => (i.Size, TestImages.SizeOf(i.Webp))).OrderBy(i => i.Size)
            .ShouldBe([(64, (64, 64)), (256, (256, 256)), (1024, (1024, 683))]);
    }

    [Fact]
    public async Task A_photo_over_the_pixel_limit_is_refused_before_decoding()
    {
        var heic = await TestImages.HeicAsync();
        var renderer = new HeicRenderer(Options.Create(new PreviewOptions { MaxMegapixels = 0.5 }));

        var result = await renderer.RenderAsync(new RenderSource(() => new MemoryStream(heic, writable: false), LocalPath: null), RenditionSize.Standard, Ct);

        result.Refusal.ShouldNotBeNull().ShouldContain("1200 × 800 pixels");
    }

    [Fact]
    public async Task A_cut_short_photo_is_refused_with_the_decoder_reason()
    {
        var heic = await TestImages.HeicAsync();
        var cut = heic[..(heic.Length * 2 / 3)];
        var renderer = new HeicRenderer(Options.Create(new PreviewOptions()));

        var result = await renderer.RenderAsync(new RenderSource(() => new MemoryStream(cut, writable: false), LocalPath: null), RenditionSize.Standard, Ct);

        result.Images.ShouldBeEmpty();
        result.Refusal.ShouldNotBeNull().ShouldStartWith("Not a readable HEIC photo");
    }
}
