using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

/// <summary>The grid view shows each tile's tags and the viewer's star, and many long tags keep a tile in its place on a phone.</summary>
public sealed class FolderGridMarksTests : BrowserScenario
{
    private const string Team = "/Shared/Team";

    [Fact]
    public async Task Tiles_show_their_tags_and_the_viewers_star_within_the_tile()
    {
        using (var admin = await App.CreateAdminClientAsync())
        {
            await MkdirAsync(admin, Team);
        }

        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            await PutAsync(alice, Team + "/report.pdf", "pdf");
            await PutAsync(alice, Team + "/plain.txt", "txt");
            foreach (var tag in new[] { "release-7", "needs review by the legal department", "draft" })
            {
                using var put = await alice.PutAsync(new Uri($"/api/v1/tags/{Uri.EscapeDataString(tag)}{Team}/report.pdf", UriKind.Relative), null, Ct);
                put.IsSuccessStatusCode.ShouldBeTrue();
            }

            using var star = await alice.PutAsync(new Uri($"/api/v1/favorites{Team}/report.pdf", UriKind.Relative), null, Ct);
            star.IsSuccessStatusCode.ShouldBeTrue();
        }

        var page = await OpenAsBasicUserAsync("alice@strata.test");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/files/Shared/Team");
        await WaitInteractiveAsync(page);
        await page.GetByTestId("view-toggle").ClickAsync();

        var report = page.Locator(".strata-tile[data-name='report.pdf']");
        var plain = page.Locator(".strata-tile[data-name='plain.txt']");
        await Assertions.Expect(report.GetByTestId("tag-chip")).ToHaveCountAsync(3);
        await Assertions.Expect(report.GetByTestId("tag-chip").First).ToHaveAttributeAsync("title", "draft");
        await Assertions.Expect(report.GetByTestId("tile-star")).ToBeVisibleAsync();
        await Assertions.Expect(plain.GetByTestId("tile-star")).ToHaveCountAsync(0);
        await Assertions.Expect(plain.GetByTestId("tag-chip")).ToHaveCountAsync(0);
        var tile = (await report.BoundingBoxAsync())!;
        var tags = (await report.GetByTestId("tile-tags").BoundingBoxAsync())!;
        tags.X.ShouldBeGreaterThanOrEqualTo(tile.X);
        (tags.X + tags.Width).ShouldBeLessThanOrEqualTo(tile.X + tile.Width + 0.5f);
        (tags.Y + tags.Height).ShouldBeLessThanOrEqualTo(tile.Y + tile.Height + 0.5f);
        await AssertFitsAsync(page);
    }
}
