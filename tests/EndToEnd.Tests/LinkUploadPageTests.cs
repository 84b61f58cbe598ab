using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class LinkUploadPageTests : BrowserScenario
{
    private const string Email = "alice@strata.test";
    private const string LinkPassword = "drop box passphrase";

    [Fact]
    public async Task A_visitor_sends_a_file_through_a_password_upload_link_and_the_owner_gets_the_exact_bytes()
    {
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);
        using var alice = await App.CreateUserClientAsync(Email);
        using (var mkdir = await alice.PostAsJsonAsync(new Uri("/api/v1/fs/Private/alice/Inbox", UriKind.Relative), new { action = "add_folder" }, Ct))
        {
            mkdir.IsSuccessStatusCode.ShouldBeTrue();
        }

        string token;
        using (var created = await alice.PostAsJsonAsync(new Uri("/api/v1/links", UriKind.Relative), new { path = "/Private/alice/Inbox", kind = "upload", password = LinkPassword }, Ct))
        {
            created.IsSuccessStatusCode.ShouldBeTrue(await created.Content.ReadAsStringAsync(Ct));
            token = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        }

        // A visitor with a fresh browser, on a phone-sized screen, unlocks the link and sends a file.
        var visitor = await OpenAnonymousAsync();
        await visitor.SetViewportSizeAsync(390, 844);
        await visitor.GotoAsync(new Uri(BaseAddress, $"s/{token}").ToString());
        await visitor.GetByTestId("link-password").FillAsync(LinkPassword);
        await visitor.GetByTestId("link-unlock").ClickAsync();
        await Assertions.Expect(visitor.GetByTestId("link-upload-title")).ToHaveTextAsync("Send files to Inbox");
        await visitor.GetByTestId("link-upload-name").FillAsync("Vera Visitor");
        var chooser = await visitor.RunAndWaitForFileChooserAsync(() => visitor.GetByTestId("link-upload-drop").ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "from-vera.bin", MimeType = "application/octet-stream", Buffer = bytes });

        var item = visitor.GetByTestId("link-upload-item");
        await Assertions.Expect(item.GetByTestId("link-upload-status")).ToHaveTextAsync("Sent");
        await Assertions.Expect(item).ToHaveAttributeAsync("data-outcome", "done");
        (await visitor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390")).ShouldBeTrue();
        visitor.Url.ShouldNotContain(LinkPassword);

        (await alice.GetByteArrayAsync(new Uri("/api/v1/fs-content/Private/alice/Inbox/from-vera.bin", UriKind.Relative), Ct)).ShouldBe(bytes);
    }
}
