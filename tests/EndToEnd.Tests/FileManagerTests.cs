using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class FileManagerTests : BrowserScenario
{
    [Fact]
    public async Task Browse_create_a_folder_delete_it_and_undo()
    {
        using (var admin = await App.CreateAdminClientAsync())
        {
            await MkdirAsync(admin, "/Shared/Builds");
        }

        var page = await OpenAsBasicUserAsync("alice@strata.test");
        await page.GotoAsync("/files/Shared");
        await page.Locator("[data-testid=entry][data-name=Builds] a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ParentUrl);
        await Assertions.Expect(page.GetByTestId("breadcrumbs")).ToContainTextAsync("Shared");
        await Assertions.Expect(page.GetByTestId("empty")).ToBeVisibleAsync();

        await page.GetByTestId("new-folder").ClickAsync();
        await page.Locator("[data-testid=name-input] input, input[data-testid=name-input]").First.FillAsync("1234");
        await page.GetByTestId("name-ok").ClickAsync();
        var entry = page.Locator("[data-testid=entry][data-name='1234']");
        await Assertions.Expect(entry).ToBeVisibleAsync();

        await entry.ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await Assertions.Expect(page.GetByTestId("selection-count")).ToHaveTextAsync("1 selected");
        await page.GetByTestId("listing").PressAsync("Delete");
        await Assertions.Expect(entry).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Assertions.Expect(entry).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Another_users_private_folder_is_missing()
    {
        using (await App.CreateUserClientAsync("bob@strata.test"))
        {
        }

        var page = await OpenAsBasicUserAsync("alice@strata.test");
        await page.GotoAsync("/files/Private/bob");

        await Assertions.Expect(page.GetByTestId("missing")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Folders_have_bookmarkable_urls_and_back_and_forward_work()
    {
        using (var admin = await App.CreateAdminClientAsync())
        {
            await MkdirAsync(admin, "/Shared/Builds");
            await MkdirAsync(admin, "/Shared/Builds/1234");
        }

        var page = await OpenAsBasicUserAsync("alice@strata.test");
        await page.GotoAsync("/files/Shared/Builds/1234");
        await Assertions.Expect(page.GetByTestId("breadcrumbs")).ToContainTextAsync("1234");
        await WaitInteractiveAsync(page);

        await page.GetByTestId("listing").PressAsync("Backspace");
        await Assertions.Expect(page).ToHaveURLAsync(ParentUrl);
        await page.Locator("[data-testid=entry][data-name='1234'] a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ChildUrl);

        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ParentUrl);
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='1234']")).ToBeVisibleAsync();
        await page.GoForwardAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ChildUrl);
        await Assertions.Expect(page.GetByTestId("empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_row_the_keyboard_moves_to_is_scrolled_into_sight()
    {
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            for (var run = 1; run <= 60; run++)
            {
                await MkdirAsync(alice, $"/Private/alice/Run {run}");
            }
        }

        var page = await OpenAsBasicUserAsync("alice@strata.test");
        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        await page.Locator("[data-testid=entry][data-name='Run 1']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });

        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await AssertFocusInSightAsync(page, "Run 41");
        await page.Keyboard.PressAsync("End");
        await AssertFocusInSightAsync(page, "Run 60");
        await page.Keyboard.PressAsync("Home");
        await AssertFocusInSightAsync(page, "Run 1");
        await page.Keyboard.PressAsync("PageDown");
        await Assertions.Expect(page.Locator(".strata-focus")).Not.ToHaveAttributeAsync("data-name", "Run 1");
        await Assertions.Expect(page.Locator(".strata-focus")).ToBeInViewportAsync(new() { Ratio = 1 });
        await page.Keyboard.PressAsync("PageUp");
        await AssertFocusInSightAsync(page, "Run 1");
    }

    [Fact]
    public async Task The_first_ctrl_a_selects_the_items_and_not_the_text_of_the_page()
    {
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            await PutAsync(alice, "/Private/alice/one.txt", "1");
            await PutAsync(alice, "/Private/alice/two.txt", "2");
        }

        var page = await OpenAsBasicUserAsync("alice@strata.test");
        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        // The listing takes the keys from the browser once listing.js is loaded, a moment after the circuit connects
        // (CI once pressed Ctrl+A in between); a person's first key press comes later than that.
        await page.Locator("[data-keys-suppressed=true]").WaitForAsync();
        await page.Locator("[data-testid=entry][data-name='one.txt']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });

        await page.Keyboard.PressAsync("Control+a");

        await Assertions.Expect(page.GetByTestId("selection-count")).ToHaveTextAsync("2 selected");
        (await page.EvaluateAsync<string>("() => window.getSelection().toString()")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Names_are_typed_straight_away_f2_selects_the_name_before_its_extension_and_escape_cancels()
    {
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            await PutAsync(alice, "/Private/alice/notes.md", "notes");
        }

        var page = await OpenAsBasicUserAsync("alice@strata.test");
        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        await page.Locator("[data-testid=entry][data-name='notes.md']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });

        await page.Keyboard.PressAsync("F2");
        await Assertions.Expect(page.Locator(".mud-dialog input")).ToBeFocusedAsync();
        await page.WaitForFunctionAsync("() => document.activeElement.selectionStart === 0 && document.activeElement.selectionEnd === 'notes'.length");
        await page.Keyboard.TypeAsync("minutes");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='minutes.md']")).ToBeVisibleAsync();

        await page.GetByTestId("new-folder").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog input")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Drafts");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='Drafts']")).ToBeVisibleAsync();

        await page.GetByTestId("new-folder").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog input")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    /// <summary>The focused row is the one named and lies wholly inside the list, below its sticky header.</summary>
    private static async Task AssertFocusInSightAsync(IPage page, string name)
    {
        var focused = page.Locator(".strata-focus");
        await Assertions.Expect(focused).ToHaveAttributeAsync("data-name", name);
        await Assertions.Expect(focused).ToBeInViewportAsync(new() { Ratio = 1 });
        var coveredByHeader = await focused.EvaluateAsync<bool>(
            "row => row.getBoundingClientRect().top < row.closest('.strata-listing').querySelector('.strata-head').getBoundingClientRect().bottom - 1");
        coveredByHeader.ShouldBeFalse();
    }

    // Polled, not awaited as navigations: Blazor moves between folders with history.pushState, which
    // fires no load event, so a wait for one races with a pushState that lands first.
    private static readonly Regex ParentUrl = new("/files/Shared/Builds$");
    private static readonly Regex ChildUrl = new("/files/Shared/Builds/1234$");
}
