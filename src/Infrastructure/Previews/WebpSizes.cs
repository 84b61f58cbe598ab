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

    // libwebp's method 1 instead of its default 4: a 12 MP photo's three sizes cost 0.10 CPU-s instead of 0.155, with
    // as many bytes (58.6 KB against 58.1; bench/README.md). Thumbnails are small; the bulk upload's wait is not.
    private const int Effort = 1;

    // A truncated file would otherwise render as a picture with a grey lower part, and be kept as if it were right.
    private const string LoadOptions = "[fail_on=truncated]";

    /// <summary>Renders <paramref name="openSource"/> (opened afresh each time it is read) in each of <paramref name="sizes"/>.</summary>
    /// <remarks>Runs at <see cref="LowPriority"/>: libvips decodes synchronously, through the stream's reads.</remarks>
    /// <exception cref="VipsException">The source is not a picture libvips reads.</exception>
    public static Task<RenderResult> RenderAsync(Func<Stream> openSource, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openSource);
        ArgumentNullException.ThrowIfNull(sizes);
        return LowPriority.RunAsync(() => Render(openSource, sizes, cancellationToken));
    }

    private static RenderResult Render(Func<Stream> openSource, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        var images = new List<RenderedImage>(sizes.Count);
        Image? previous = null;
        try
        {
            // Largest first, each size from the one before when that is large enough, so the source is read once: the
            // 1024 fit gives the 256 square (cropped where the eye goes), which gives the 64 square by a plain resize.
            foreach (var size in sizes.OrderDescending())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var square = RenditionSize.IsSquare(size);
                using var picture = previous is not null && Math.Min(previous.Width, previous.Height) >= size
                    ? Derive(previous, size, crop: square && previous.Width != previous.Height, cancellationToken)
                    : FromSource(openSource, size, square, cancellationToken);
                images.Add(new RenderedImage(size, Encode(picture, cancellationToken), picture.Width, picture.Height));
                previous?.Dispose();
                previous = picture.Copy();
            }
        }
        finally
        {
            previous?.Dispose();
        }

        return RenderResult.Rendered(images);
    }

    /// <summary>The first line of a libvips error, which is the one that says what was wrong.</summary>
    public static string FirstLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Split('\n', 2)[0].Trim();
    }

    private static Image Derive(Image larger, int size, bool crop, CancellationToken cancellationToken)
    {
        using var image = larger.ThumbnailImage(size, size, Enums.Size.Down, crop: crop ? Enums.Interesting.Attention : null);
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
        Evaluate(picture, p => p.WebpsaveBuffer(q: Quality, effort: Effort, keep: Enums.ForeignKeep.None), cancellationToken);

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
