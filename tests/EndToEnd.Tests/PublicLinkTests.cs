using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class PublicLinkTests : BrowserScenario
{
    private const string Email = "alice@strata.test";
    private const string LinkPassword = "visitor passphrase";

    /// <summary>A 2×2 PNG, so the preview can be checked as decoded.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==");

    [Fact]
    public async Task An_owner_shares_a_password_link_and_a_visitor_previews_and_downloads_the_exact_bytes()
    {
        using (var alice = await App.CreateUserClientAsync(Email))
        {
            using var put = await alice.PutAsync(new Uri("/api/v1/fs-content/Private/alice/photo.png", UriKind.Relative), new ByteArrayContent(Png), Ct);
            put.IsSuccessStatusCode.ShouldBeTrue();
        }

        // The owner creates the link in the file manager.
        var owner = await OpenAnonymousAsync();
        await SignInAsync(owner, Email, Web.Tests.StrataAppFactory.Password, "/files/Private/alice");
        await WaitInteractiveAsync(owner);
        await owner.Locator("[data-testid=entry][data-name='photo.png']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await owner.GetByTestId("get-link").ClickAsync();
        await owner.Locator("[data-testid=link-password-input] input, input[data-testid=link-password-input]").First.FillAsync(LinkPassword);
        await owner.GetByTestId("link-create").ClickAsync();
        var url = (await owner.GetByTestId("link-url").TextContentAsync())!.Trim();
        url.ShouldStartWith(BaseAddress + "s/");

        // A visitor with a fresh browser, on a phone-sized screen, opens it.
        var visitor = await OpenAnonymousAsync();
        await visitor.SetViewportSizeAsync(390, 844);
        await visitor.GotoAsync(url);
        await visitor.GetByTestId("link-password").FillAsync(LinkPassword);
        await visitor.GetByTestId("link-unlock").ClickAsync();

        await Assertions.Expect(visitor.GetByTestId("link-file-name")).ToHaveTextAsync("photo.png");
        await visitor.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=preview-image]'); return i && i.complete && i.naturalWidth === 2; }");
        (await visitor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390")).ShouldBeTrue();
        visitor.Url.ShouldNotContain(LinkPassword);
        var download = await visitor.RunAndWaitForDownloadAsync(() => visitor.GetByTestId("link-download").ClickAsync());

        download.SuggestedFilename.ShouldBe("photo.png");
        await using var saved = File.OpenRead(await download.PathAsync());
        (await SHA256.HashDataAsync(saved, Ct)).ShouldBe(SHA256.HashData(Png));
    }

    [Fact]
    public async Task A_preview_only_folder_link_shows_thumbnails_and_the_large_rendition_but_no_original()
    {
        using (var alice = await App.CreateUserClientAsync(Email))
        {
            await MkdirAsync(alice, "/Private/alice/Album");
            using var put = await alice.PutAsync(
                new Uri("/api/v1/fs-content/Private/alice/Album/harbour.jpg", UriKind.Relative), new ByteArrayContent(Strata.Tests.Previews.TestImages.Photo(".jpg")), Ct);
            put.IsSuccessStatusCode.ShouldBeTrue();
        }

        var owner = await OpenAnonymousAsync();
        await SignInAsync(owner, Email, Web.Tests.StrataAppFactory.Password, "/files/Private/alice");
        await WaitInteractiveAsync(owner);
        await owner.Locator("[data-testid=entry][data-name='Album']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await owner.GetByTestId("get-link").ClickAsync();
        await owner.GetByTestId("link-preview-only").ClickAsync();
        await owner.GetByTestId("link-create").ClickAsync();
        var url = (await owner.GetByTestId("link-url").TextContentAsync())!.Trim();

        var visitor = await OpenAnonymousAsync();
        await visitor.SetViewportSizeAsync(390, 844);
        await visitor.GotoAsync(url);
        var row = visitor.Locator("[data-testid=link-entry][data-name='harbour.jpg']");
        await Assertions.Expect(row.GetByTestId("thumbnail")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(visitor.GetByTestId("link-zip")).ToHaveCountAsync(0);
        await row.GetByRole(AriaRole.Link, new() { Name = "harbour.jpg" }).ClickAsync();

        var rendition = visitor.GetByTestId("link-rendition");
        await Assertions.Expect(rendition).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        (await rendition.EvaluateAsync<int>("i => i.naturalWidth")).ShouldBe(1024);
        (await visitor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390")).ShouldBeTrue();
        await Assertions.Expect(visitor.GetByTestId("link-download")).ToHaveCountAsync(0);
        (await visitor.ContentAsync()).ShouldNotContain("/content/");
    }

    [Fact]
    public async Task A_visitor_reads_the_files_date_in_their_own_zone_and_language_not_as_iso_text()
    {
        DateTimeOffset modified;
        string token;
        using (var alice = await App.CreateUserClientAsync(Email))
        {
            await PutAsync(alice, "/Private/alice/plan.txt", "plan");
            modified = (await alice.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/fs/Private/alice/plan.txt", UriKind.Relative), Ct)).GetProperty("modifiedAt").GetDateTimeOffset();
            using var created = await alice.PostAsJsonAsync(new Uri("/api/v1/links", UriKind.Relative), new { path = "/Private/alice/plan.txt" }, Ct);
            token = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        }

        var visitor = await OpenAsBasicUserAsync("vera@strata.test", timeZone: "Asia/Tokyo", locale: "de-DE");
        var tokyo = modified.ToOffset(TimeSpan.FromHours(9));
        await visitor.GotoAsync($"/s/{token}");

        // A first visit: the server did not know the zone yet, the browser rewrote the date.
        var date = visitor.GetByTestId("link-file").Locator("[data-at]");
        await Assertions.Expect(date).ToContainTextAsync(tokyo.ToString("HH:mm", CultureInfo.InvariantCulture));
        (await date.TextContentAsync())!.ShouldNotContain("Z");

        // From then on the server writes it as the app does.
        await visitor.ReloadAsync();
        await Assertions.Expect(date).ToHaveTextAsync(tokyo.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A link's page is in the app's theme: the system's setting until one is chosen, then the choice made in this
    /// browser, in the app or on the page itself; once known, the server writes the page in it from the start.
    /// </summary>
    [Fact]
    public async Task The_link_page_takes_the_theme_of_the_system_and_then_the_one_chosen_in_the_app_or_on_it()
    {
        string token;
        using (var alice = await App.CreateUserClientAsync(Email))
        {
            await PutAsync(alice, "/Private/alice/plan.txt", "plan");
            using var created = await alice.PostAsJsonAsync(new Uri("/api/v1/links", UriKind.Relative), new { path = "/Private/alice/plan.txt" }, Ct);
            token = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        }

        var page = await OpenAsBasicUserAsync(Email);
        var body = page.Locator("body");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.GotoAsync($"/s/{token}");
        await Assertions.Expect(body).ToHaveCSSAsync("background-color", Dark);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Assertions.Expect(body).ToHaveCSSAsync("background-color", Light);

        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(body).ToHaveCSSAsync("background-color", Dark);
        var served = await page.GotoAsync($"/s/{token}");
        (await served!.TextAsync()).ShouldContain("data-theme=\"dark\"", Case.Sensitive, "the server writes the page dark before any script runs");
        await Assertions.Expect(body).ToHaveCSSAsync("background-color", Dark);

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(body).ToHaveCSSAsync("background-color", Light);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(body).ToHaveCSSAsync("background-color", Light);
    }

    /// <summary>MudBlazor's page backgrounds, light and dark.</summary>
    private const string Light = "rgb(255, 255, 255)";

    private const string Dark = "rgb(50, 51, 61)";
}
