using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Strata.Web.Tests;

namespace Strata.EndToEnd.Tests;

/// <summary>
/// An administrator opens tag administration from the menu, is told when a new name is taken, renames and recolours
/// a tag, and merges another into it; a user who is not an administrator cannot open the page.
/// </summary>
public sealed class TagsAdminPageTests : BrowserScenario
{
    private const string Team = "/Shared/Team";

    [Fact]
    public async Task An_administrator_renames_recolours_and_merges_tags_on_the_page()
    {
        using var admin = await App.CreateAdminClientAsync();
        await MkdirAsync(admin, Team);
        await PutAsync(admin, Team + "/a.txt", "a");
        await PutAsync(admin, Team + "/b.txt", "b");
        await TagAsync(admin, "ASAP", Team + "/a.txt");
        await TagAsync(admin, "Urgent", Team + "/b.txt");
        await TagAsync(admin, "Urgent", Team + "/a.txt");

        var page = await OpenAsBasicUserAsync(StrataAppFactory.AdminEmail);
        await page.GotoAsync("/files/Shared");
        await WaitInteractiveAsync(page);
        await page.Locator("a[href='/admin/tags']").ClickAsync();
        await Assertions.Expect(Row(page, "ASAP").GetByTestId("admin-tag-count")).ToHaveTextAsync("1");
        await Assertions.Expect(Row(page, "Urgent").GetByTestId("admin-tag-count")).ToHaveTextAsync("2");

        await Row(page, "Urgent").GetByTestId("admin-tag-edit").ClickAsync();
        var name = page.Locator("input[data-testid=tag-name]");
        await name.FillAsync("asap");
        await page.GetByTestId("tag-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("tag-error")).ToContainTextAsync("already exists");
        await name.FillAsync("Hot");
        await page.GetByTestId("tag-color").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "green" }).ClickAsync();
        await page.GetByTestId("tag-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, "Hot").GetByTestId("tag-chip")).ToHaveCSSAsync("background-color", "rgb(67, 160, 71)");
        await Assertions.Expect(Row(page, "Urgent")).ToHaveCountAsync(0);

        await Row(page, "ASAP").GetByTestId("admin-tag-merge").ClickAsync();
        await page.GetByTestId("merge-target").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Hot" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("merge-warning")).ToContainTextAsync("1 item tagged “ASAP” will be tagged “Hot”");
        await page.GetByTestId("merge-confirm").ClickAsync();

        await Assertions.Expect(Row(page, "ASAP")).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, "Hot").GetByTestId("admin-tag-count")).ToHaveTextAsync("2");
        var tags = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/tags", UriKind.Relative), Ct);
        tags.EnumerateArray().Select(t => (t.GetProperty("name").GetString(), t.GetProperty("color").GetString(), t.GetProperty("count").GetInt32()))
            .ShouldBe([("Hot", "#43a047", 2)]);
    }

    [Fact]
    public async Task A_user_who_is_not_an_administrator_cannot_open_the_page_nor_sees_it_in_the_menu()
    {
        using (var admin = await App.CreateAdminClientAsync())
        {
            await MkdirAsync(admin, Team);
            await PutAsync(admin, Team + "/a.txt", "a");
            await TagAsync(admin, "Legal hold", Team + "/a.txt");
        }

        var page = await OpenAsBasicUserAsync("alice@strata.test");

        var response = await page.GotoAsync("/admin/tags");

        response!.Status.ShouldBe((int)HttpStatusCode.Forbidden);
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("status-title")).ToHaveTextAsync("This page is not for you");
        await Assertions.Expect(page.GetByTestId("admin-tags")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("a[href='/admin/tags']")).ToHaveCountAsync(0);
    }

    private static ILocator Row(IPage page, string tag) => page.Locator($"tr:has([data-testid=admin-tag][data-name='{tag}'])");

    private static async Task TagAsync(HttpClient client, string tag, string path)
    {
        using var put = await client.PutAsync(new Uri($"/api/v1/tags/{Uri.EscapeDataString(tag)}{path}", UriKind.Relative), null, Ct);
        put.IsSuccessStatusCode.ShouldBeTrue();
    }
}
