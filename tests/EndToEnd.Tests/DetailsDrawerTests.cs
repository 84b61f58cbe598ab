using System.Net;
using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class DetailsDrawerTests : BrowserScenario
{
    [Fact]
    public async Task Restoring_an_old_version_makes_it_the_newest()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using var alice = await App.CreateUserClientAsync("alice@strata.test");
        var file = new Uri("/api/v1/fs-content/Private/alice/plan.txt", UriKind.Relative);
        foreach (var text in new[] { "first draft", "second draft" })
        {
            await PutAsync(alice, "/Private/alice/plan.txt", text);
        }

        await PutAsync(alice, "/Private/alice/other.txt", "other");

        await page.GotoAsync("/files/Private/alice");
        await page.Locator("[data-testid=entry][data-name='plan.txt']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await page.GetByTestId("listing").PressAsync("i");
        var drawer = page.GetByTestId("details");
        await Assertions.Expect(drawer.GetByTestId("details-path")).ToHaveTextAsync("/Private/alice/plan.txt");
        await Assertions.Expect(drawer.GetByTestId("details-dav")).ToHaveTextAsync($"{BaseAddress.ToString().TrimEnd('/')}/dav/Private/alice/plan.txt");
        await drawer.GetByRole(AriaRole.Tab, new() { Name = "Versions" }).ClickAsync();
        await Assertions.Expect(drawer.GetByTestId("version")).ToHaveCountAsync(2);

        await drawer.Locator("[data-testid=version][data-number='1']").GetByTestId("version-restore").ClickAsync();

        await Assertions.Expect(drawer.GetByTestId("version")).ToHaveCountAsync(3);
        (await alice.GetStringAsync(file, Ct)).ShouldBe("first draft");
        await page.Locator("[data-testid=entry][data-name='other.txt']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await Assertions.Expect(drawer.GetByTestId("details-path")).ToHaveTextAsync("/Private/alice/other.txt");
        using var oldVersion = await alice.GetAsync(new Uri("/api/v1/fs-content/Private/alice/plan.txt?version=2", UriKind.Relative), Ct);
        oldVersion.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await oldVersion.Content.ReadAsStringAsync(Ct)).ShouldBe("second draft");
    }

    [Fact]
    public async Task At_390_px_the_tabs_work_with_the_keyboard_and_a_task_is_given_from_the_tasks_tab()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        await page.SetViewportSizeAsync(390, 844);
        using var alice = await App.CreateUserClientAsync("alice@strata.test");
        await PutAsync(alice, "/Private/alice/plan.txt", "draft");

        await page.GotoAsync("/files/Private/alice");
        await page.Locator("[data-testid=entry][data-name='plan.txt']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await page.GetByTestId("listing").PressAsync("i");
        var drawer = page.GetByTestId("details");
        await Assertions.Expect(drawer.GetByTestId("details-path")).ToHaveTextAsync("/Private/alice/plan.txt");
        var details = drawer.GetByRole(AriaRole.Tab, new() { Name = "Details" });
        await details.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(drawer.GetByRole(AriaRole.Tab, new() { Name = "Comments" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(drawer.GetByRole(AriaRole.Tab, new() { Name = "Tasks" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(drawer.GetByTestId("task-save")).ToBeVisibleAsync();

        await drawer.Locator("[data-testid=task-title-input] input, input[data-testid=task-title-input]").FillAsync("Check the figures");
        await drawer.Locator("[data-testid=task-assignee-search] input, input[data-testid=task-assignee-search]").FillAsync("alice");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "alice" }).ClickAsync();
        // A person gives the task once alice shows among its assignees.
        await Assertions.Expect(drawer.Locator("[data-testid=task-assignee][data-name=alice]")).ToBeVisibleAsync();
        await drawer.GetByTestId("task-save").ClickAsync();

        await Assertions.Expect(drawer.GetByTestId("item-task-title")).ToHaveTextAsync("Check the figures");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
    }
}
