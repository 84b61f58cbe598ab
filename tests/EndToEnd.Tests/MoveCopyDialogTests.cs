using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class MoveCopyDialogTests : BrowserScenario
{
    [Fact]
    public async Task Move_via_the_folder_picker_and_replace_on_conflict_keeps_history()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using var alice = await App.CreateUserClientAsync("alice@strata.test");
        await PutAsync(alice, "/Private/alice/report.txt", "new report");
        await PutAsync(alice, "/Private/alice/notes.txt", "notes");
        await MkdirAsync(alice, "/Private/alice/Archive");

        await PutAsync(alice, "/Private/alice/Archive/report.txt", "old report");

        await page.GotoAsync("/files/Private/alice");
        await page.Locator("[data-testid=entry][data-name='notes.txt']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await page.Locator("[data-testid=entry][data-name='report.txt']").ClickAsync(new() { Position = new() { X = 4, Y = 20 }, Modifiers = [KeyboardModifier.Control] });
        await Assertions.Expect(page.GetByTestId("selection-count")).ToHaveTextAsync("2 selected");
        await page.GetByTestId("move").ClickAsync();
        var picker = page.GetByTestId("folder-picker");
        await picker.Locator("[data-testid=picker-folder][data-name='Archive']").ClickAsync();
        await Assertions.Expect(picker.GetByTestId("picker-crumb").Last).ToHaveTextAsync("Archive");
        await page.GetByTestId("picker-ok").ClickAsync();
        await page.GetByTestId("conflict-replace").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='report.txt']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='notes.txt']")).ToHaveCountAsync(0);
        (await alice.GetStringAsync(new Uri("/api/v1/fs-content/Private/alice/Archive/report.txt", UriKind.Relative), Ct)).ShouldBe("new report");
        (await alice.GetStringAsync(new Uri("/api/v1/fs-content/Private/alice/Archive/report.txt?version=1", UriKind.Relative), Ct)).ShouldBe("old report");
        (await alice.GetStringAsync(new Uri("/api/v1/fs-content/Private/alice/Archive/notes.txt", UriKind.Relative), Ct)).ShouldBe("notes");
    }

    [Fact]
    public async Task Copy_into_the_same_folder_keeps_both_with_a_numbered_name()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using var alice = await App.CreateUserClientAsync("alice@strata.test");
        await PutAsync(alice, "/Private/alice/plan.txt", "plan");

        await page.GotoAsync("/files/Private/alice");
        await page.Locator("[data-testid=entry][data-name='plan.txt']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await page.GetByTestId("copy").ClickAsync();
        await page.GetByTestId("picker-ok").ClickAsync();
        await page.GetByTestId("conflict-keep-both").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='plan (2).txt']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='plan.txt']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_row_dragged_onto_a_folder_moves_into_it_and_one_dragged_onto_the_trail_moves_back_up()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using var alice = await App.CreateUserClientAsync("alice@strata.test");
        await PutAsync(alice, "/Private/alice/draft.txt", "draft");
        await MkdirAsync(alice, "/Private/alice/Archive");

        await page.GotoAsync("/files/Private/alice");
        await page.Locator("[data-testid=entry][data-name='draft.txt']").DragToAsync(page.Locator("[data-testid=entry][data-name='Archive']"));
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='draft.txt']")).ToHaveCountAsync(0);
        (await alice.GetStringAsync(new Uri("/api/v1/fs-content/Private/alice/Archive/draft.txt", UriKind.Relative), Ct)).ShouldBe("draft");

        await page.GotoAsync("/files/Private/alice/Archive");
        await page.Locator("[data-testid=entry][data-name='draft.txt']").DragToAsync(page.Locator("[data-testid=breadcrumbs] [data-drop-folder='/Private/alice']"));

        await Assertions.Expect(page.GetByTestId("empty")).ToBeVisibleAsync();
        (await alice.GetStringAsync(new Uri("/api/v1/fs-content/Private/alice/draft.txt", UriKind.Relative), Ct)).ShouldBe("draft");
    }

    [Fact]
    public async Task Cut_from_the_right_click_menu_and_ctrl_v_in_another_folder_moves_the_file()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using var alice = await App.CreateUserClientAsync("alice@strata.test");
        await PutAsync(alice, "/Private/alice/memo.txt", "memo");
        await MkdirAsync(alice, "/Private/alice/Inbox");

        await page.GotoAsync("/files/Private/alice");
        await page.Locator("[data-testid=entry][data-name='memo.txt']").ClickAsync(new() { Button = MouseButton.Right, Position = new() { X = 4, Y = 20 } });
        await page.GetByTestId("menu-cut").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='memo.txt']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("strata-cut"));
        await page.Locator("[data-testid=entry][data-name='Inbox'] a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty")).ToBeVisibleAsync();
        await page.GetByTestId("listing").FocusAsync();
        await page.Keyboard.PressAsync("Control+v");

        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='memo.txt']")).ToBeVisibleAsync();
        (await alice.GetStringAsync(new Uri("/api/v1/fs-content/Private/alice/Inbox/memo.txt", UriKind.Relative), Ct)).ShouldBe("memo");
    }
}
