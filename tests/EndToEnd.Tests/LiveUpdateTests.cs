using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Strata.Web.Tests;

namespace Strata.EndToEnd.Tests;

public sealed class LiveUpdateTests : BrowserScenario
{
    /// <summary>
    /// The journal is polled every 200 ms, so updates land well within a second on an idle machine; the bound
    /// here only leaves room for a busy CI machine (the latency itself is a benchmark's business).
    /// </summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Promptly = new() { Timeout = 5_000 };

    [Fact]
    public async Task A_change_in_one_browser_and_one_by_the_api_appear_in_the_other_browser_without_a_reload()
    {
        using var admin = await App.CreateAdminClientAsync();
        (await admin.PostAsJsonAsync(new Uri("/api/v1/fs/Shared/Team", UriKind.Relative), new { action = "add_folder" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var watcher = await OpenAsBasicUserAsync("bob@strata.test");
        var editor = await OpenAsBasicUserAsync(StrataAppFactory.AdminEmail);
        await watcher.GotoAsync("/files/Shared/Team");
        await editor.GotoAsync("/files/Shared/Team");
        await WaitInteractiveAsync(watcher);
        await WaitInteractiveAsync(editor);

        await editor.GetByTestId("new-folder").ClickAsync();
        await editor.Locator("[data-testid=name-input] input, input[data-testid=name-input]").First.FillAsync("Release 7");
        await editor.GetByTestId("name-ok").ClickAsync();
        await Assertions.Expect(watcher.Locator("[data-testid=entry][data-name='Release 7']")).ToBeVisibleAsync(Promptly);

        using var put = await admin.PutAsync(new Uri("/api/v1/fs-content/Shared/Team/notes.txt", UriKind.Relative), new StringContent("from a script"), Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Created);
        await Assertions.Expect(watcher.Locator("[data-testid=entry][data-name='notes.txt']")).ToBeVisibleAsync(Promptly);
        await Assertions.Expect(editor.Locator("[data-testid=entry][data-name='notes.txt']")).ToBeVisibleAsync(Promptly);
    }
}
