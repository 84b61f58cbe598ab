namespace Strata.Infrastructure.Previews;

/// <summary>
/// Pictures one family of media types (images; later documents and video) as WebP thumbnails. Implementations read the
/// source as a stream, never whole into memory, and refuse what they cannot or should not render with a reason
/// rather than an exception.
/// </summary>
public interface IRenderer
{
    /// <summary>Whether this renderer pictures content of <paramref name="contentType"/> at all.</summary>
    bool Accepts(string contentType);

    /// <summary>
    /// Renders the source in each of <paramref name="sizes"/> (see <c>RenditionSize</c>). <paramref name="openSource"/>
    /// opens the content afresh, seekable, each time the renderer needs to read it from the start.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled, during decoding included.</exception>
    Task<RenderResult> RenderAsync(Func<Stream> openSource, IReadOnlyList<int> sizes, CancellationToken cancellationToken);
}

/// <summary>One rendered picture: WebP bytes (thumbnails are small) and the picture's own dimensions.</summary>
public sealed record RenderedImage(int Size, byte[] Webp, int Width, int Height);

/// <summary>The pictures, or why there are none (a refusal is final: rendering again gives the same answer).</summary>
public sealed record RenderResult(IReadOnlyList<RenderedImage> Images, string? Refusal)
{
    public static RenderResult Rendered(IReadOnlyList<RenderedImage> images) => new(images, null);

    public static RenderResult Refused(string reason) => new([], reason);
}
