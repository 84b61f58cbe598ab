using Strata.Domain.Comments;

namespace Strata.Domain.Tests.Comments;

public sealed class CommentAnchorTests
{
    [Fact]
    public void A_point_on_a_page_keeps_its_normalised_position()
    {
        CommentAnchor.TryCreate(AnchorKind.Point, 4, 0.25, 0.75, null, null, null, null, out var anchor, out var error).ShouldBeTrue(error);

        (anchor.Page, anchor.X, anchor.Y).ShouldBe((4, 0.25, 0.75));
    }

    [Fact]
    public void A_rectangle_reaching_the_corner_exactly_is_valid() =>
        CommentAnchor.TryCreate(AnchorKind.Rectangle, null, 0.5, 0.5, 0.5, 0.5, null, null, out _, out _).ShouldBeTrue();

    [Fact]
    public void A_time_range_of_a_video_is_valid() =>
        CommentAnchor.TryCreate(AnchorKind.TimeRange, null, null, null, null, null, 12.5, 30, out _, out _).ShouldBeTrue();

    [Theory]
    [InlineData(AnchorKind.Point, null, -0.1, 0.5, null, null, null, null, "fractions")]
    [InlineData(AnchorKind.Point, null, 0.5, double.NaN, null, null, null, null, "fractions")]
    [InlineData(AnchorKind.Point, null, null, 0.5, null, null, null, null, "needs x and y")]
    [InlineData(AnchorKind.Point, 0, 0.5, 0.5, null, null, null, null, "page")]
    [InlineData(AnchorKind.Point, null, 0.5, 0.5, 0.1, null, null, null, "only page, x and y")]
    [InlineData(AnchorKind.Rectangle, null, 0.5, 0.5, null, 0.1, null, null, "needs width and height")]
    [InlineData(AnchorKind.Rectangle, null, 0.5, 0.5, 0.6, 0.1, null, null, "within the page")]
    [InlineData(AnchorKind.Rectangle, null, 0.5, 0.5, 0.0, 0.1, null, null, "above 0")]
    [InlineData(AnchorKind.TimeRange, null, null, null, null, null, 5.0, 2.0, "start <= end")]
    [InlineData(AnchorKind.TimeRange, null, null, null, null, null, -1.0, 2.0, "start <= end")]
    [InlineData(AnchorKind.TimeRange, null, null, null, null, null, 0.0, double.PositiveInfinity, "within a day")]
    [InlineData(AnchorKind.TimeRange, null, 0.5, null, null, null, 0.0, 1.0, "only start and end")]
    [InlineData(AnchorKind.TimeRange, null, null, null, null, null, null, 1.0, "needs start and end")]
    [InlineData((AnchorKind)42, null, 0.5, 0.5, null, null, null, null, "one of")]
    public void Bad_pins_are_refused_with_the_reason(AnchorKind kind, int? page, double? x, double? y, double? width, double? height, double? start, double? end, string reason)
    {
        CommentAnchor.TryCreate(kind, page, x, y, width, height, start, end, out _, out var error).ShouldBeFalse();

        error.ShouldContain(reason, Case.Insensitive);
    }
}
