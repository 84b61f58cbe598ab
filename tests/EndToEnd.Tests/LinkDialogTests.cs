using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class LinkDialogTests : BrowserScenario
{
    private const string Email = "alice@strata.test";

    [Fact]
    public async Task Double_clicking_get_link_opens_one_dialog()
    {
        var page = await OpenAsBasicUserAsync(Email);
        using (var alice = await App.CreateUserClientAsync(Email))
        {
            await PutAsync(alice, "/Private/alice/report.txt", "x");
        }

        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        await SelectAsync(page, "report.txt");
        await page.GetByTestId("get-link").DblClickAsync();

        await Assertions.Expect(page.GetByTestId("link-create")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000);
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_owner_creates_an_upload_link_in_the_dialog_a_visitor_sends_a_file_and_the_links_page_counts_it()
    {
        var page = await OpenAsBasicUserAsync(Email);
        using var alice = await App.CreateUserClientAsync(Email);
        await MkdirAsync(alice, "/Private/alice/Inbox");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);

        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        await SelectAsync(page, "Inbox");
        await page.GetByTestId("get-link").ClickAsync();
        await page.GetByTestId("link-upload-switch").ClickAsync();
        await Assertions.Expect(page.GetByTestId("link-max-downloads")).ToHaveCountAsync(0);
        await page.GetByTestId("link-create").ClickAsync();
        await page.GetByTestId("link-copy").ClickAsync();
        var url = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        url.ShouldBe((await page.GetByTestId("link-url").TextContentAsync())!.Trim());
        await page.GetByTestId("link-done").ClickAsync();

        var visitor = await OpenAnonymousAsync();
        await visitor.GotoAsync(url);
        await Assertions.Expect(visitor.GetByTestId("link-upload-title")).ToHaveTextAsync("Send files to Inbox");
        var chooser = await visitor.RunAndWaitForFileChooserAsync(() => visitor.GetByTestId("link-upload-drop").ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "from-vera.txt", MimeType = "text/plain", Buffer = "hello"u8.ToArray() });
        await Assertions.Expect(visitor.GetByTestId("link-upload-status")).ToHaveTextAsync("Sent");
        (await alice.GetStringAsync(new Uri("/api/v1/fs-content/Private/alice/Inbox/from-vera.txt", UriKind.Relative), Ct)).ShouldBe("hello");

        await page.GotoAsync("/links");
        var row = page.Locator("tr", new() { Has = page.Locator("[data-testid=link-row][data-kind=Upload]") });
        await Assertions.Expect(row.GetByTestId("link-kind")).ToHaveTextAsync("Upload link");
        await Assertions.Expect(row.GetByTestId("link-use")).ToHaveTextAsync("1 upload");
    }

    [Fact]
    public async Task The_new_links_copy_button_lies_inside_the_dialog_and_copies_the_link_at_desktop_and_phone_width()
    {
        var page = await OpenAsBasicUserAsync(Email);
        using (var alice = await App.CreateUserClientAsync(Email))
        {
            await PutAsync(alice, "/Private/alice/quarterly-report-with-a-long-name.txt", "x");
        }

        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await SelectAsync(page, "quarterly-report-with-a-long-name.txt");
            await page.GetByTestId("get-link").ClickAsync();
            await page.GetByTestId("link-create").ClickAsync();

            var copy = page.GetByTestId("link-copy");
            await Assertions.Expect(copy).ToBeVisibleAsync();
            var dialog = (await page.Locator(".mud-dialog").BoundingBoxAsync())!;
            var button = (await copy.BoundingBoxAsync())!;
            button.X.ShouldBeGreaterThanOrEqualTo(dialog.X, $"at {width} px");
            (button.X + button.Width).ShouldBeLessThanOrEqualTo(dialog.X + dialog.Width, $"at {width} px");
            button.Y.ShouldBeGreaterThanOrEqualTo(dialog.Y, $"at {width} px");
            (button.Y + button.Height).ShouldBeLessThanOrEqualTo(dialog.Y + dialog.Height, $"at {width} px");
            (dialog.X + dialog.Width).ShouldBeLessThanOrEqualTo(width, $"at {width} px");

            var shown = (await page.GetByTestId("link-url").TextContentAsync())!.Trim();
            shown.ShouldStartWith(BaseAddress + "s/");
            await copy.ClickAsync();

            // The copy goes through the circuit to the browser: wait for it rather than read the clipboard before it lands.
            await page.WaitForFunctionAsync("async shown => (await navigator.clipboard.readText()) === shown", shown);
            await page.GetByTestId("link-done").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        }
    }

    private static Task SelectAsync(IPage page, string name) =>
        page.Locator($"[data-testid=entry][data-name='{name}']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
}
