using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class PreviewDialogTests : BrowserScenario
{
    /// <summary>A valid 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Double_click_on_an_image_previews_it_without_downloading()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            using var put = await alice.PutAsync(new Uri("/api/v1/fs-content/Private/alice/dot.png", UriKind.Relative), new ByteArrayContent(Png), Ct);
            put.IsSuccessStatusCode.ShouldBeTrue();
        }

        var downloads = 0;
        page.Download += (_, _) => downloads++;
        await page.GotoAsync("/files/Private/alice");
        await page.Locator("[data-testid=entry][data-name='dot.png']").DblClickAsync(new() { Position = new() { X = 4, Y = 20 } });

        var image = page.GetByTestId("preview-image");
        await Assertions.Expect(image).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=preview-image]'); return i && i.complete && i.naturalWidth === 1; }");
        await Assertions.Expect(page.GetByTestId("preview-download")).ToHaveAttributeAsync("href", "/api/v1/fs-content/Private/alice/dot.png");
        downloads.ShouldBe(0);
    }

    [Fact]
    public async Task Markdown_renders_as_text_formatting_and_never_runs_script()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            var markdown = "# Release notes\n\n<script>window.pwned = 1</script>\n\n[x](javascript:window.pwned=2) **bold**\n";
            using var put = await alice.PutAsync(new Uri("/api/v1/fs-content/Private/alice/README.md", UriKind.Relative), new StringContent(markdown), Ct);
            put.IsSuccessStatusCode.ShouldBeTrue();
        }

        await page.GotoAsync("/files/Private/alice");
        await page.Locator("[data-testid=entry][data-name='README.md']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await page.GetByTestId("listing").PressAsync("Enter");

        var preview = page.GetByTestId("preview-markdown");
        await Assertions.Expect(preview.Locator("h1")).ToHaveTextAsync("Release notes");
        await Assertions.Expect(preview.Locator("strong")).ToHaveTextAsync("bold");
        await Assertions.Expect(preview.Locator("script")).ToHaveCountAsync(0);
        (await preview.Locator("a").CountAsync() == 0 || await preview.Locator("a").GetAttributeAsync("href") is null).ShouldBeTrue();
        (await page.EvaluateAsync<bool>("() => window.pwned === undefined")).ShouldBeTrue();
    }
}
