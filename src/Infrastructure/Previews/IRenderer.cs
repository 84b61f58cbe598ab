namespace Strata.Infrastructure.Previews;

/// <summary>
/// Pictures one family of media types (images, documents, video) as WebP thumbnails. Implementations read the source
/// as a stream or, for native tools, by its local path, never whole into memory, and refuse what they cannot or should
/// not render with a reason rather than an exception.
/// </summary>
public interface IRenderer
{
    /// <summary>Whether this renderer pictures content of <paramref name="contentType"/> at all.</summary>
    bool Accepts(string contentType);

    /// <summary>
    /// Whether content of <paramref name="contentType"/> has pages that this renderer pictures one at a time (see
    /// <see cref="RenderSource.Page"/>); a renderer that does not render page 1 of everything.
    /// </summary>
    bool RendersPages(string contentType) => false;

    /// <summary>Renders the source in each of <paramref name="sizes"/> (see <c>RenditionSize</c>).</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled, during decoding included.</exception>
    Task<RenderResult> RenderAsync(RenderSource source, IReadOnlyList<int> sizes, CancellationToken cancellationToken);
}

/// <summary>
/// The content to render: <see cref="Open"/> opens it afresh, seekable, each time a renderer reads it from the start;
/// <see cref="LocalPath"/> names it on a local disk when the blob store keeps it there (null otherwise: a native tool
/// then needs a temporary copy).
/// </summary>
public sealed record RenderSource(Func<Stream> Open, string? LocalPath)
{
    /// <summary>The page to picture, from 1, for a renderer that <see cref="IRenderer.RendersPages"/>; others ignore it.</summary>
    public int Page { get; init; } = 1;

    /// <summary>The content type the source is stored with (a renderer of several types may need to tell them apart).</summary>
    public string? ContentType { get; init; }
}

/// <summary>One rendered picture: WebP bytes (thumbnails are small) and the picture's own dimensions.</summary>
public sealed record RenderedImage(int Size, byte[] Webp, int Width, int Height);

/// <summary>
/// The pictures, or why there are none (a refusal is final: rendering again gives the same answer), and for video and
/// audio the facts read on the way (they are kept even when there is no picture: a song without cover art).
/// </summary>
public sealed record RenderResult(IReadOnlyList<RenderedImage> Images, string? Refusal, MediaInfo? Info = null)
{
    /// <summary>How many pages the source has, when the renderer found out (also when it refused a page past the last).</summary>
    public int? PageCount { get; init; }

    public static RenderResult Rendered(IReadOnlyList<RenderedImage> images) => new(images, null);

    public static RenderResult Refused(string reason) => new([], reason);
}
