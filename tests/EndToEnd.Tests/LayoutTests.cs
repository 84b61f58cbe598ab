using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class LayoutTests : BrowserScenario
{
    [Fact]
    public async Task Phone_width_has_no_sideways_scroll_and_grid_and_theme_are_remembered()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            using var put = await alice.PutAsync(new Uri("/api/v1/fs-content/Private/alice/a%20rather%20long%20file%20name%20for%20a%20phone.txt", UriKind.Relative), new StringContent("x"), Ct);
            put.IsSuccessStatusCode.ShouldBeTrue();
        }

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/files/Private/alice");
        var entry = page.Locator("[data-testid=entry]").First;
        await Assertions.Expect(entry).ToBeVisibleAsync();
        await AssertFitsAsync(page);

        await page.GetByTestId("view-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".strata-tile[data-testid=entry]")).ToHaveCountAsync(1);
        await page.GetByTestId("theme-toggle").ClickAsync();
        var darkBackground = await BackgroundAsync(page);
        await AssertFitsAsync(page);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".strata-tile[data-testid=entry]")).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync($"() => getComputedStyle(document.querySelector('.mud-layout') || document.body).backgroundColor === '{darkBackground}'");
        await AssertFitsAsync(page);
        await Assertions.Expect(page.GetByTestId("new-folder")).ToBeInViewportAsync();
    }

    [Fact]
    public async Task Dates_read_in_the_browsers_time_zone_and_language_also_on_pages_rendered_before_their_circuit()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test", timeZone: "Asia/Tokyo", locale: "de-DE");
        DateTimeOffset modified;
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            using var put = await alice.PutAsync(new Uri("/api/v1/fs-content/Private/alice/plan.txt", UriKind.Relative), new StringContent("x"), Ct);
            put.IsSuccessStatusCode.ShouldBeTrue();
            var node = await alice.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/fs/Private/alice/plan.txt", UriKind.Relative), Ct);
            modified = node.GetProperty("modifiedAt").GetDateTimeOffset();
        }

        await page.GotoAsync("/files/Private/alice");

        // Tokyo is UTC+9 all year; German writes day.month.year and a 24-hour clock.
        var tokyo = modified.ToOffset(TimeSpan.FromHours(9)).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
        var shown = page.Locator("[data-testid=entry][data-name='plan.txt'] .strata-modified");
        await Assertions.Expect(shown).ToHaveTextAsync(tokyo);
        await Assertions.Expect(shown).ToHaveAttributeAsync("title", modified.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture));

        // The server renders a page before its circuit starts: with the browser's answer remembered, its dates are
        // already the viewer's, so they do not change under the reader's eyes.
        var prerendered = await page.APIRequest.GetAsync("/recent");
        (await prerendered.TextAsync()).ShouldContain(tokyo);
    }

    [Fact]
    public async Task The_details_drawer_opens_below_the_app_bar_beside_the_uploads_and_messages_rise_from_the_bottom_and_leave_with_the_page()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        var source = Directory.CreateTempSubdirectory("strata-e2e-layout-").FullName;
        await File.WriteAllTextAsync(Path.Combine(source, "plan.txt"), "x", Ct);

        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        await UploadByButtonAsync(page, "upload-files", Path.Combine(source, "plan.txt"));
        await Assertions.Expect(page.GetByTestId("upload-summary")).ToHaveTextAsync("1 uploaded");
        await page.Locator("[data-testid=entry][data-name='plan.txt']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await page.GetByTestId("listing").PressAsync("i");
        var drawer = page.GetByTestId("details");
        await Assertions.Expect(drawer.GetByTestId("details-path")).ToBeVisibleAsync();
        var appBar = (await page.Locator(".mud-appbar").BoundingBoxAsync())!;
        var drawerBox = (await drawer.BoundingBoxAsync())!;
        drawerBox.Y.ShouldBeGreaterThanOrEqualTo(appBar.Y + appBar.Height - 1, "the drawer covers the app bar");
        await Assertions.Expect(page.GetByTestId("upload-panel")).ToBeVisibleAsync();
        var panel = (await page.GetByTestId("upload-panel").BoundingBoxAsync())!;
        (panel.X + panel.Width).ShouldBeLessThanOrEqualTo(drawerBox.X, "the upload panel covers the drawer");

        await drawer.GetByLabel("Copy WebDAV address").ClickAsync();
        var message = page.Locator(".mud-snackbar");
        await Assertions.Expect(message).ToContainTextAsync("Copied");
        var toolbar = (await page.Locator(".strata-toolbar").BoundingBoxAsync())!;
        var box = (await message.BoundingBoxAsync())!;
        box.Y.ShouldBeGreaterThan(toolbar.Y + toolbar.Height, "the message covers the toolbar");
        (box.Y + box.Height).ShouldBeLessThanOrEqualTo(800);

        await page.Locator(".mud-nav-link", new() { HasText = "Recent" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/recent$"));
        await Assertions.Expect(message).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task On_a_phone_a_selection_keeps_the_toolbar_on_one_line_and_the_right_click_menu_on_screen()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            await PutAsync(alice, "/Private/alice/memo.txt", "memo");
        }

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        var row = page.Locator("[data-testid=entry][data-name='memo.txt']");
        await row.ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await Assertions.Expect(page.GetByTestId("selection-count")).ToBeVisibleAsync();

        var tops = await page.EvaluateAsync<double[]>(
            "() => [...document.querySelectorAll('.strata-toolbar button, .strata-toolbar a')].filter(b => b.offsetParent).map(b => b.getBoundingClientRect().top)");
        tops.Length.ShouldBeGreaterThan(5);
        (tops.Max() - tops.Min()).ShouldBeLessThan(8, "the selection's actions wrap onto a second line");
        await AssertFitsAsync(page);

        // Right-clicked near the screen's right edge, the menu opens at the touch and stays on screen.
        var box = (await row.BoundingBoxAsync())!;
        await row.ClickAsync(new() { Button = MouseButton.Right, Position = new() { X = box.Width - 10, Y = 20 } });
        var menu = (await page.Locator(".strata-context-menu").BoundingBoxAsync())!;
        menu.X.ShouldBeGreaterThanOrEqualTo(0);
        (menu.X + menu.Width).ShouldBeLessThanOrEqualTo(390);
        Math.Abs(menu.Y - (box.Y + 20)).ShouldBeLessThan(40, "the menu opens where the row was touched, not at the top");
    }

    [Fact]
    public async Task Manage_access_shows_each_grant_on_one_line()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using (await App.CreateUserClientAsync("bob@strata.test"))
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            await MkdirAsync(alice, "/Private/alice/Team");
            using var grant = await alice.PutAsJsonAsync(new Uri("/api/v1/permissions/Private/alice/Team", UriKind.Relative), new { user = "bob", level = "Editor" }, Ct);
            grant.IsSuccessStatusCode.ShouldBeTrue();
        }

        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        await page.Locator("[data-testid=entry][data-name='Team']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await page.GetByTestId("share").ClickAsync();

        var grantRow = page.Locator("[data-testid=grant][data-name='bob']");
        await Assertions.Expect(grantRow).ToBeVisibleAsync();
        var name = (await grantRow.Locator(".strata-grant-name").BoundingBoxAsync())!;
        var level = (await grantRow.GetByTestId("grant-level").BoundingBoxAsync())!;
        var remove = (await grantRow.GetByTestId("remove-grant").BoundingBoxAsync())!;
        level.X.ShouldBeGreaterThan(name.X + name.Width - 1, "the level stands beside the name, not below it");
        Math.Abs((level.Y + (level.Height / 2)) - (name.Y + (name.Height / 2))).ShouldBeLessThan(16);
        Math.Abs((remove.Y + (remove.Height / 2)) - (name.Y + (name.Height / 2))).ShouldBeLessThan(16);
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-layout') || document.body).backgroundColor");
}
