using Strata.Domain.Comments;
using Strata.Web.Comments;

namespace Strata.Web.Tests.Comments;

public sealed class PinDrawingTests
{
    [Fact]
    public void A_box_dragged_to_the_edge_past_a_rounding_error_is_kept_inside()
    {
        var drawing = new PinDrawing(AnchorKind.Rectangle, 1, 0.1, 0.7, 0.9000000000000001, 0.30000000000000004);

        drawing.TryGetAnchor(out var anchor, out var error).ShouldBeTrue(error);

        (anchor.X + anchor.Width).ShouldNotBeNull().ShouldBeLessThanOrEqualTo(1);
        (anchor.Y + anchor.Height).ShouldNotBeNull().ShouldBeLessThanOrEqualTo(1);
        anchor.Width!.Value.ShouldBe(0.9, 1e-9);
    }

    [Fact]
    public void A_spot_is_a_point_on_its_page()
    {
        new PinDrawing(AnchorKind.Point, 3, 0.5, 0.25, null, null).TryGetAnchor(out var anchor, out var error).ShouldBeTrue(error);

        (anchor.Kind, anchor.Page, anchor.X, anchor.Y, anchor.Width).ShouldBe((AnchorKind.Point, (int?)3, (double?)0.5, (double?)0.25, (double?)null));
    }

    [Fact]
    public void A_box_of_no_size_is_refused_with_a_reason()
    {
        new PinDrawing(AnchorKind.Rectangle, null, 0.5, 0.5, 0, 0).TryGetAnchor(out _, out var error).ShouldBeFalse();

        error.ShouldContain("above 0");
    }
}
