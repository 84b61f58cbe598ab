using System.Net;
using System.Net.Http.Json;
using System.Text;
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

    [Fact]
    public async Task A_webdav_lock_shows_on_the_file_in_an_open_folder_and_goes_when_released()
    {
        using var admin = await App.CreateAdminClientAsync();
        (await admin.PostAsJsonAsync(new Uri("/api/v1/fs/Shared/Team", UriKind.Relative), new { action = "add_folder" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        using (var put = await admin.PutAsync(new Uri("/api/v1/fs-content/Shared/Team/spec.docx", UriKind.Relative), new StringContent("draft"), Ct))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var watcher = await OpenAsBasicUserAsync("bob@strata.test");
        await watcher.GotoAsync("/files/Shared/Team");
        await WaitInteractiveAsync(watcher);
        var file = watcher.Locator("[data-testid=entry][data-name='spec.docx']");
        await Assertions.Expect(file).ToBeVisibleAsync();
        await Assertions.Expect(file.GetByTestId("lock")).ToHaveCountAsync(0);

        using var locked = await admin.SendAsync(Dav("LOCK", """<?xml version="1.0"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>"""), Ct);
        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Assertions.Expect(file.GetByTestId("lock")).ToBeVisibleAsync(Promptly);

        using var unlock = Dav("UNLOCK");
        unlock.Headers.Add("Lock-Token", locked.Headers.GetValues("Lock-Token").Single());
        using var released = await admin.SendAsync(unlock, Ct);
        released.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Assertions.Expect(file.GetByTestId("lock")).ToHaveCountAsync(0, new() { Timeout = Promptly.Timeout });
    }

    private static HttpRequestMessage Dav(string method, string? body = null) => new(new HttpMethod(method), new Uri("/dav/Shared/Team/spec.docx", UriKind.Relative))
    {
        Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/xml"),
    };
}
