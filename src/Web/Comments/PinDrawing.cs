using System.Text.Json.Serialization;
using Strata.Domain.Comments;

namespace Strata.Web.Comments;

/// <summary>What a preview can carry pins on: a picture (an image, a document's pages) or a video's timeline.</summary>
public enum PinSurface
{
    None,
    Picture,
    Video,
}

/// <summary>
/// A spot or box drawn on a preview's picture, as pins.js reports it: fractions of the picture, <see cref="Page"/> set
/// on a document's pages.
/// </summary>
public sealed record PinDrawing(
    [property: JsonConverter(typeof(JsonStringEnumConverter<AnchorKind>))] AnchorKind Kind, int? Page, double X, double Y, double? Width, double? Height)
{
    /// <summary>
    /// The pin to post. A box drawn to the picture's edge can overshoot it by a rounding error (x + width a hair
    /// above 1), which the anchor refuses: it is pulled back inside first.
    /// </summary>
    public bool TryGetAnchor(out CommentAnchor anchor, out string error)
    {
        var (x, y) = (Math.Clamp(X, 0, 1), Math.Clamp(Y, 0, 1));
        return Kind == AnchorKind.Rectangle
            ? CommentAnchor.TryCreate(Kind, Page, x, y, Inside(x, Width), Inside(y, Height), null, null, out anchor, out error)
            : CommentAnchor.TryCreate(Kind, Page, x, y, null, null, null, null, out anchor, out error);
    }

    private static double? Inside(double start, double? length)
    {
        if (length is not { } size || !double.IsFinite(size))
        {
            return length;
        }

        size = Math.Min(size, 1 - start);
        while (size > 0 && start + size > 1)
        {
            size = Math.BitDecrement(size);
        }

        return size;
    }
}
