using System.Globalization;
using Microsoft.Extensions.Options;
using NetVips;
using Strata.Domain.Previews;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// Photos and pictures with libvips: shrink-on-load (a JPEG decodes at 1/8 scale when that is enough), EXIF orientation
/// applied, the first frame of an animation, metadata stripped from the output. The header is read first and an image
/// declaring too many pixels is refused before a single one is decoded. BMP and SVG are not accepted: the bundled
/// libvips has no BMP loader, and SVG can reference and script (docs/decisions/0014).
/// </summary>
public sealed class ImageRenderer : IRenderer
{
    private const int Quality = 80;

    // A truncated file would otherwise render as a picture with a grey lower part, and be kept as if it were right.
    private const string LoadOptions = "[fail_on=truncated]";

    private static readonly HashSet<string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff", "image/avif", "image/heic", "image/heif",
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
    /// <remarks>Runs on the caller's thread: libvips decodes synchronously through the stream's reads.</remarks>
    public Task<RenderResult> RenderAsync(Func<Stream> openSource, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openSource);
        ArgumentNullException.ThrowIfNull(sizes);
        try
        {
            return Task.FromResult(CheckHeader(openSource) is { } refusal ? RenderResult.Refused(refusal) : Render(openSource, sizes, cancellationToken));
        }
        catch (VipsException e) when (!cancellationToken.IsCancellationRequested)
        {
            return Task.FromResult(RenderResult.Refused($"Not a readable image: {FirstLine(e.Message)}"));
        }
    }

    /// <summary>Reads only the header (sequential access decodes nothing until pixels are asked for).</summary>
    private string? CheckHeader(Func<Stream> openSource)
    {
        using var source = openSource();
        using var header = Image.NewFromStream(source, access: Enums.Access.Sequential);
        var megapixels = (double)header.Width * header.Height / 1_000_000;
        var limit = _options.Value.MaxMegapixels;
        return megapixels <= limit
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"The image declares {header.Width} × {header.Height} pixels ({megapixels:0.#} megapixels), more than the limit of {limit:0.#}.");
    }

    private static RenderResult Render(Func<Stream> openSource, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        var images = new List<RenderedImage>(sizes.Count);
        Image? fitted = null;
        try
        {
            // Largest first: a fitted picture at least as large as the next size serves it without reading the source again.
            foreach (var size in sizes.OrderDescending())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var square = RenditionSize.IsSquare(size);
                using var picture = fitted is not null && Math.Min(fitted.Width, fitted.Height) >= size
                    ? Derive(fitted, size, square, cancellationToken)
                    : FromSource(openSource, size, square, cancellationToken);
                images.Add(new RenderedImage(size, Encode(picture, cancellationToken), picture.Width, picture.Height));
                if (!square && fitted is null)
                {
                    fitted = picture.Copy();
                }
            }
        }
        finally
        {
            fitted?.Dispose();
        }

        return RenderResult.Rendered(images);
    }

    private static Image Derive(Image fitted, int size, bool square, CancellationToken cancellationToken)
    {
        using var image = fitted.ThumbnailImage(size, size, Enums.Size.Down, crop: square ? Enums.Interesting.Attention : null);
        return Evaluate(image, i => i.CopyMemory(), cancellationToken);
    }

    private static Image FromSource(Func<Stream> openSource, int size, bool square, CancellationToken cancellationToken)
    {
        using var source = openSource();
        using var image = Image.ThumbnailStream(
            source, size, LoadOptions, height: size, size: Enums.Size.Down, crop: square ? Enums.Interesting.Attention : null);

        // libvips reads the stream lazily: decode now, while it is open, into memory as small as the thumbnail.
        return Evaluate(image, i => i.CopyMemory(), cancellationToken);
    }

    private static byte[] Encode(Image picture, CancellationToken cancellationToken) =>
        Evaluate(picture, p => p.WebpsaveBuffer(q: Quality, keep: Enums.ForeignKeep.None), cancellationToken);

    /// <summary>Runs the work that makes libvips compute pixels, stopping it part-way when the token is cancelled.</summary>
    private static T Evaluate<T>(Image image, Func<Image, T> work, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => image.SetKill(true));
        try
        {
            return work(image);
        }
        catch (VipsException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
