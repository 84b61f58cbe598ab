using System.Net;
using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class TrashPageTests : BrowserScenario
{
    [Fact]
    public async Task Restore_from_trash_puts_the_file_back_in_its_folder()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            using var put = await alice.PutAsync(new Uri("/api/v1/fs-content/Private/alice/notes.txt", UriKind.Relative), new StringContent("hello"), Ct);
            put.StatusCode.ShouldBe(HttpStatusCode.Created);
            using var deleted = await alice.DeleteAsync(new Uri("/api/v1/fs/Private/alice/notes.txt", UriKind.Relative), Ct);
            deleted.IsSuccessStatusCode.ShouldBeTrue();
        }

        await page.GotoAsync("/trash");
        await Assertions.Expect(page.GetByTestId("retention")).ToContainTextAsync("30 days");
        var item = page.Locator("[data-testid=trash-item][data-name='notes.txt']");
        await Assertions.Expect(item).ToContainTextAsync("/Private/alice");
        await item.GetByTestId("restore").ClickAsync();
        await Assertions.Expect(item).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("trash-empty")).ToBeVisibleAsync();

        await page.GotoAsync("/files/Private/alice");
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='notes.txt']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Empty_trash_asks_first_then_purges_everything()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            foreach (var name in new[] { "a.txt", "b.txt" })
            {
                using var put = await alice.PutAsync(new Uri($"/api/v1/fs-content/Private/alice/{name}", UriKind.Relative), new StringContent(name), Ct);
                using var deleted = await alice.DeleteAsync(new Uri($"/api/v1/fs/Private/alice/{name}", UriKind.Relative), Ct);
                deleted.IsSuccessStatusCode.ShouldBeTrue();
            }
        }

        await page.GotoAsync("/trash");
        await Assertions.Expect(page.GetByTestId("trash-item")).ToHaveCountAsync(2);
        await page.GetByTestId("empty-trash").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Empty trash" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("trash-empty")).ToBeVisibleAsync();
    }
}
