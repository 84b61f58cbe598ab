using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Strata.Web.Tests;

namespace Strata.EndToEnd.Tests;

/// <summary>An administrator provisions a user and a group and shares a folder; the user then sees it read-only.</summary>
public sealed class SharingAdminTests : BrowserScenario
{
    private const string UserEmail = "carol@corp.test";

    [Fact]
    public async Task Admin_creates_a_user_and_a_group_grants_the_group_viewer_and_the_user_can_read_but_not_change()
    {
        using (var api = await App.CreateAdminClientAsync())
        {
            (await api.PostAsync(new Uri("/api/v1/fs/Shared/Proj", UriKind.Relative), JsonContent("""{"action":"add_folder"}"""), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
            (await api.PutAsync(new Uri("/api/v1/fs-content/Shared/Proj/plan.txt", UriKind.Relative), new StringContent("the plan"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var admin = await OpenAnonymousAsync();
        await SignInAsync(admin, StrataAppFactory.AdminEmail, StrataAppFactory.Password, "/admin/users");
        await WaitInteractiveAsync(admin);
        var password = await CreateUserAsync(admin);
        await CreateGroupWithMemberAsync(admin, "Readers", "carol");
        await GrantGroupAsync(admin, "Proj", "Readers");

        var user = await OpenAnonymousAsync();
        await SignInAsync(user, UserEmail, password, "/files/Shared");
        await WaitInteractiveAsync(user);
        await user.Locator("[data-testid=entry][data-name='Proj'] a").ClickAsync();
        await Assertions.Expect(user).ToHaveURLAsync(new Regex("/files/Shared/Proj$"));
        await user.Locator("[data-testid=entry][data-name='plan.txt']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await Assertions.Expect(user.GetByTestId("selection-count")).ToHaveTextAsync("1 selected");

        await Assertions.Expect(user.GetByTestId("copy")).ToBeVisibleAsync();
        await Assertions.Expect(user.GetByTestId("upload-files")).ToHaveCountAsync(0);
        await Assertions.Expect(user.GetByTestId("upload-folder")).ToHaveCountAsync(0);
        await Assertions.Expect(user.GetByTestId("new-folder")).ToHaveCountAsync(0);
        await Assertions.Expect(user.GetByTestId("delete")).ToHaveCountAsync(0);
        await Assertions.Expect(user.GetByTestId("share")).ToHaveCountAsync(0);
        await user.GotoAsync("/shared-with-me");
        await Assertions.Expect(user.Locator("tr:has([data-testid=shared-folder][data-path='/Shared/Proj'])")).ToContainTextAsync("Viewer");
    }

    [Fact]
    public async Task Admin_pages_and_the_share_dialog_fit_a_phone()
    {
        using (var api = await App.CreateAdminClientAsync())
        {
            (await api.PostAsync(new Uri("/api/v1/fs/Shared/Proj", UriKind.Relative), JsonContent("""{"action":"add_folder"}"""), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var admin = await OpenAsBasicUserAsync(StrataAppFactory.AdminEmail);
        await admin.SetViewportSizeAsync(390, 844);

        foreach (var (path, testId) in new[] { ("/admin/users", "users"), ("/admin/groups", "groups"), ("/shared-with-me", "shared-with-me") })
        {
            await admin.GotoAsync(path);
            await Assertions.Expect(admin.GetByTestId(testId)).ToBeVisibleAsync();
            await AssertFitsAsync(admin);
        }

        await admin.GotoAsync("/files/Shared/Proj");
        await WaitInteractiveAsync(admin);
        await admin.GetByTestId("share").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("no-grants")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("grant-add")).ToBeInViewportAsync();
        await AssertFitsAsync(admin);
    }

    /// <summary>Creates the user with a generated password and returns it, read off the page as the admin would.</summary>
    private static async Task<string> CreateUserAsync(IPage admin)
    {
        await admin.Locator("input[data-testid=new-email]").FillAsync(UserEmail);
        await admin.Locator("input[data-testid=new-display-name]").FillAsync("Carol");
        await admin.GetByTestId("create-user").ClickAsync();
        await Assertions.Expect(admin.Locator($"[data-testid=user-row][data-email='{UserEmail}']")).ToBeVisibleAsync();
        return (await admin.GetByTestId("revealed-password").TextContentAsync())!.Trim();
    }

    private static async Task CreateGroupWithMemberAsync(IPage admin, string group, string member)
    {
        await admin.GotoAsync("/admin/groups");
        await WaitInteractiveAsync(admin);
        await admin.Locator("input[data-testid=new-group-name]").FillAsync(group);
        await admin.GetByTestId("create-group").ClickAsync();
        var row = admin.Locator($"tr:has([data-testid=group-row][data-name='{group}'])");
        await row.GetByTestId("group-members").ClickAsync();
        await PickAsync(admin, "member-search", member, $"({member})");
        await admin.GetByTestId("add-member").ClickAsync();
        await Assertions.Expect(admin.Locator($"[data-testid=member][data-name='{member}']")).ToBeVisibleAsync();
        await admin.GetByTestId("members-done").ClickAsync();
        await Assertions.Expect(row.GetByTestId("member-count")).ToHaveTextAsync("1");
    }

    private static async Task GrantGroupAsync(IPage admin, string folder, string group)
    {
        await admin.GotoAsync("/files/Shared");
        await WaitInteractiveAsync(admin);
        await admin.Locator($"[data-testid=entry][data-name='{folder}']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await admin.GetByTestId("share").ClickAsync();
        await PickAsync(admin, "grant-search", group, $"{group} (group)");
        await admin.GetByTestId("grant-add").ClickAsync();
        var grant = admin.Locator($"[data-testid=grant][data-name='{group}'][data-kind=Group][data-inherited=false]");
        await Assertions.Expect(grant).ToBeVisibleAsync();
        await admin.GetByTestId("share-done").ClickAsync();
    }

    /// <summary>Types into an autocomplete and picks the suggestion showing <paramref name="suggestion"/>.</summary>
    private static async Task PickAsync(IPage page, string testId, string typed, string suggestion)
    {
        await page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First.FillAsync(typed);
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = suggestion }).ClickAsync();
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
