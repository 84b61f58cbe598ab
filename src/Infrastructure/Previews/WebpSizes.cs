using NetVips;
using Strata.Domain.Previews;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// Turns one decodable picture (a photo, a rendered page, a video frame) into WebP thumbnails of every requested size
/// with libvips: shrink-on-load, EXIF orientation applied, small sizes cropped to squares on what draws the eye,
/// metadata stripped. Every renderer ends here, so all thumbnails look and cost alike.
/// </summary>
public static class WebpSizes
{
    private const int Quality = 80;

    // A truncated file would otherwise render as a picture with a grey lower part, and be kept as if it were right.
    private const string LoadOptions = "[fail_on=truncated]";

    /// <summary>Renders <paramref name="openSource"/> (opened afresh each time it is read) in each of <paramref name="sizes"/>.</summary>
    /// <remarks>Runs on the caller's thread: libvips decodes synchronously through the stream's reads.</remarks>
    /// <exception cref="VipsException">The source is not a picture libvips reads.</exception>
    public static RenderResult Render(Func<Stream> openSource, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openSource);
        ArgumentNullException.ThrowIfNull(sizes);
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

    /// <summary>The first line of a libvips error, which is the one that says what was wrong.</summary>
    public static string FirstLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Split('\n', 2)[0].Trim();
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
}
