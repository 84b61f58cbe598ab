using System.Globalization;

namespace Strata.Domain.Comments;

/// <summary>What a pin marks: a spot, an area of an image or document page, or a stretch of a video.</summary>
public enum AnchorKind
{
    Point,
    Rectangle,
    TimeRange,
}

/// <summary>
/// Where a comment is pinned. Positions on images and pages are normalised (0..1 from the top-left corner) so a pin
/// stays on the same spot at every zoom and rendition size; <see cref="Page"/> is 1-based and set for document pages.
/// Time ranges are in seconds from the start of the video.
/// </summary>
public sealed record CommentAnchor
{
    /// <summary>Longest video a range may point into: a day, far beyond any real file, to refuse nonsense numbers.</summary>
    public const double MaxSeconds = 24 * 60 * 60;

    /// <summary>Highest page a pin may name.</summary>
    public const int MaxPage = 100_000;

    private CommentAnchor(AnchorKind kind) => Kind = kind;

    public AnchorKind Kind { get; }

    public int? Page { get; private init; }

    public double? X { get; private init; }

    public double? Y { get; private init; }

    public double? Width { get; private init; }

    public double? Height { get; private init; }

    public double? Start { get; private init; }

    public double? End { get; private init; }

    /// <summary>Checks a pin as a client sends it; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryCreate(
        AnchorKind kind, int? page, double? x, double? y, double? width, double? height, double? start, double? end,
        out CommentAnchor anchor, out string error)
    {
        anchor = null!;
        error = kind switch
        {
            AnchorKind.Point => CheckPosition(page, x, y) ?? (width is not null || height is not null || start is not null || end is not null
                ? "A point has only page, x and y." : null),
            AnchorKind.Rectangle => CheckPosition(page, x, y) ?? CheckSize(x!.Value, y!.Value, width, height)
                ?? (start is not null || end is not null ? "A rectangle has no start or end." : null),
            AnchorKind.TimeRange => CheckRange(start, end)
                ?? (page is not null || x is not null || y is not null || width is not null || height is not null
                    ? "A time range has only start and end." : null),
            _ => "The anchor kind is one of Point, Rectangle, TimeRange.",
        } ?? string.Empty;
        if (error.Length > 0)
        {
            return false;
        }

        anchor = new CommentAnchor(kind) { Page = page, X = x, Y = y, Width = width, Height = height, Start = start, End = end };
        return true;
    }

    private static string? CheckPosition(int? page, double? x, double? y)
    {
        if (page is < 1 or > MaxPage)
        {
            return string.Create(CultureInfo.InvariantCulture, $"page is between 1 and {MaxPage}.");
        }

        return x is not { } left || y is not { } top
            ? "A pin on an image or page needs x and y."
            : !IsUnit(left) || !IsUnit(top) ? "x and y are fractions of the width and height, from 0 to 1." : null;
    }

    private static string? CheckSize(double x, double y, double? width, double? height)
    {
        if (width is not { } w || height is not { } h)
        {
            return "A rectangle needs width and height.";
        }

        return !double.IsFinite(w) || !double.IsFinite(h) || w <= 0 || h <= 0 || x + w > 1 || y + h > 1
            ? "A rectangle's width and height are above 0 and keep it within the page (x + width and y + height at most 1)."
            : null;
    }

    private static string? CheckRange(double? start, double? end)
    {
        if (start is not { } from || end is not { } to)
        {
            return "A time range needs start and end.";
        }

        return !double.IsFinite(from) || !double.IsFinite(to) || from < 0 || to < from || to > MaxSeconds
            ? "A time range runs from start to end seconds, 0 <= start <= end, within a day."
            : null;
    }

    private static bool IsUnit(double value) => double.IsFinite(value) && value is >= 0 and <= 1;
}
