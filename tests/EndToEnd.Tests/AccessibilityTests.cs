using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

/// <summary>
/// axe-core's WCAG 2.1 A and AA rules on every page, in the states a person meets them (a folder with a selection
/// and its details open, a dialog, the dark theme, a phone screen), so a page that loses a label fails here.
/// </summary>
public sealed class AccessibilityTests : BrowserScenario
{
    private const string Alice = "alice@strata.test";
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private readonly StringBuilder _violations = new();

    /// <summary>The results page is scanned with results on it, as people mostly see it.</summary>
    public AccessibilityTests() => App.SearchIndexer = true;

    [Fact]
    public async Task A_users_pages_are_clean_in_light_and_dark_and_on_a_phone()
    {
        using (var alice = await App.CreateUserClientAsync(Alice))
        {
            await MkdirAsync(alice, "/Private/alice/Reports");
            await PutAsync(alice, "/Private/alice/notes.md", "# Notes");
            await PutAsync(alice, "/Private/alice/old.txt", "old");
            using var trash = await alice.DeleteAsync(new Uri("/api/v1/fs/Private/alice/old.txt", UriKind.Relative), Ct);
            await CreateLinkAsync(alice, "/Private/alice/notes.md", "Download");
            await CreateLinkAsync(alice, "/Private/alice/Reports", "Upload");
        }

        var page = await OpenAsBasicUserAsync(Alice);
        foreach (var path in (string[])["/files/Private/alice", "/recent", "/trash", "/activity", "/shared-with-me", "/links", "/profile", "/search?q=notes"])
        {
            await ScanAsync(page, path);
        }

        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        await page.Locator("[data-testid=entry][data-name='notes.md']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await page.Keyboard.PressAsync("i");
        await Assertions.Expect(page.GetByTestId("details-body")).ToBeVisibleAsync();
        await RecordAsync(page, "/files with a selection and details");
        await page.Keyboard.PressAsync("Escape");

        await page.GetByTestId("new-folder").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await RecordAsync(page, "/files with the New folder dialog");
        await page.Keyboard.PressAsync("Escape");
        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);

        await page.GetByTestId("view-toggle").ClickAsync();
        await page.GetByTestId("theme-toggle").ClickAsync();
        await RecordAsync(page, "/files as tiles, dark");
        await page.GetByTestId("view-toggle").ClickAsync();
        // Search results mark the words found: the marks must read in the dark theme too.
        await ScanAsync(page, "/search?q=notes");

        await page.SetViewportSizeAsync(390, 844);
        await ScanAsync(page, "/files/Private/alice");
        await page.GetByTestId("theme-toggle").ClickAsync();

        AssertClean();
    }

    [Fact]
    public async Task The_administrators_pages_are_clean()
    {
        using (await App.CreateUserClientAsync(Alice))
        {
            // An account for the users page to list beside the administrator.
        }

        using (var admin = await App.CreateAdminClientAsync())
        {
            // The administrator account, with its role, and a tag for the tags page to list.
            using var tag = await admin.PostAsJsonAsync(new Uri("/api/v1/tags", UriKind.Relative), new { name = "Legal hold", scope = "restricted" }, Ct);
            tag.IsSuccessStatusCode.ShouldBeTrue();
        }

        var page = await OpenAsBasicUserAsync(Web.Tests.StrataAppFactory.AdminEmail);
        foreach (var path in (string[])["/admin/users", "/admin/groups", "/admin/flags", "/admin/link-policy", "/admin/tags"])
        {
            await ScanAsync(page, path);
        }

        AssertClean();
    }

    [Fact]
    public async Task Sign_in_and_the_pages_of_link_visitors_are_clean()
    {
        string fileLink, folderLink, uploadLink, lockedLink;
        using (var alice = await App.CreateUserClientAsync(Alice))
        {
            await MkdirAsync(alice, "/Private/alice/Drop");
            await PutAsync(alice, "/Private/alice/Drop/readme.txt", "hello");
            fileLink = await CreateLinkAsync(alice, "/Private/alice/Drop/readme.txt", "Download");
            folderLink = await CreateLinkAsync(alice, "/Private/alice/Drop", "Download");
            uploadLink = await CreateLinkAsync(alice, "/Private/alice/Drop", "Upload");
            lockedLink = await CreateLinkAsync(alice, "/Private/alice/Drop/readme.txt", "Download", "visitor passphrase");
        }

        var visitor = await OpenAnonymousAsync();
        foreach (var path in (string[])["/account/login", fileLink, folderLink, uploadLink, lockedLink])
        {
            await ScanAsync(visitor, path);
        }

        // A visitor whose system is dark sees the link pages dark, as the app would be.
        await visitor.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        foreach (var path in (string[])[fileLink, folderLink, uploadLink, lockedLink])
        {
            await ScanAsync(visitor, path);
        }

        AssertClean();
    }

    private async Task ScanAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // A table still loading shows MudBlazor's unnamed progress bar for a moment: judge the page once it is loaded.
        await page.WaitForFunctionAsync("() => !document.querySelector('.mud-table .mud-progress-linear')");
        await RecordAsync(page, path);
    }

    private async Task RecordAsync(IPage page, string where)
    {
        var result = await page.RunAxe(WcagAa);
        foreach (var violation in result.Violations)
        {
            _violations.AppendLine(CultureInfo.InvariantCulture, $"{where}: {violation.Impact} {violation.Id}: {violation.Help}");
            foreach (var node in violation.Nodes.Take(3))
            {
                _violations.AppendLine(CultureInfo.InvariantCulture, $"    {string.Join(" ", node.Target)}  {node.Html}");
            }
        }
    }

    private void AssertClean() => _violations.ToString().ShouldBeEmpty();

    private static async Task<string> CreateLinkAsync(HttpClient client, string path, string kind, string? password = null)
    {
        using var created = await client.PostAsJsonAsync(new Uri("/api/v1/links", UriKind.Relative), new { path, kind, password }, Ct);
        created.EnsureSuccessStatusCode();
        var token = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("token").GetString();
        return "/s/" + token;
    }
}
