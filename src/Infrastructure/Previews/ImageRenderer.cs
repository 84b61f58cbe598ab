using System.Globalization;
using Microsoft.Extensions.Options;
using NetVips;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// Photos and pictures with libvips: shrink-on-load (a JPEG decodes at 1/8 scale when that is enough), EXIF orientation
/// applied, the first frame of an animation, metadata stripped from the output. The header is read first and an image
/// declaring too many pixels is refused before a single one is decoded. HEIC goes to <see cref="HeicRenderer"/>. BMP and SVG are not accepted: the bundled
/// libvips has no BMP loader, and SVG can reference and script (docs/decisions/0014).
/// </summary>
public sealed class ImageRenderer : IRenderer
{
    private static readonly HashSet<string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff", "image/avif",
    };

    private readonly IOptions<PreviewOptions> _options;

    public ImageRenderer(IOptions<PreviewOptions> options)
    {
        _options = options;

        // Each content is rendered once, so libvips' operation cache would only hold decoded images (up to 100 MB)
        // for repeats that never come.
        Cache.Max = 0;
    }

    public bool Accepts(string contentType) => Types.Contains(contentType);

    /// <inheritdoc/>
    public async Task<RenderResult> RenderAsync(RenderSource source, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return CheckHeader(source.Open, _options.Value.MaxMegapixels) is { } refusal
                ? RenderResult.Refused(refusal)
                : await WebpSizes.RenderAsync(source.Open, sizes, cancellationToken);
        }
        catch (VipsException e) when (!cancellationToken.IsCancellationRequested)
        {
            return RenderResult.Refused($"Not a readable image: {WebpSizes.FirstLine(e.Message)}");
        }
    }

    /// <summary>
    /// Why an image declaring more than <paramref name="limit"/> megapixels is refused, or null: reads only the header
    /// (sequential access decodes nothing until pixels are asked for).
    /// </summary>
    internal static string? CheckHeader(Func<Stream> openSource, double limit)
    {
        using var source = openSource();
        using var header = Image.NewFromStream(source, access: Enums.Access.Sequential);
        var megapixels = (double)header.Width * header.Height / 1_000_000;
        return megapixels <= limit
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"The image declares {header.Width} × {header.Height} pixels ({megapixels:0.#} megapixels), more than the limit of {limit:0.#}.");
    }

}
