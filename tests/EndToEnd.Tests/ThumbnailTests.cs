using Microsoft.Playwright;
using Strata.Tests.Previews;

namespace Strata.EndToEnd.Tests;

public sealed class ThumbnailTests : BrowserScenario
{
    [Fact]
    public async Task An_uploaded_photo_shows_its_thumbnail_in_the_list_and_in_the_grid()
    {
        var source = Directory.CreateTempSubdirectory("strata-e2e-thumbnail-").FullName;
        var photo = Path.Combine(source, "harbour.jpg");
        await File.WriteAllBytesAsync(photo, TestImages.Photo(".jpg"), Ct);
        var notes = Path.Combine(source, "notes.bin");
        await File.WriteAllBytesAsync(notes, [1, 2, 3], Ct);
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        await page.GotoAsync("/files/Private/alice");

        await UploadByButtonAsync(page, "upload-files", photo, notes);

        var row = page.Locator("[data-testid=entry][data-name='harbour.jpg']");
        await AssertThumbnailShownAsync(row, naturalWidth: 64);
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='notes.bin'] [data-testid=thumbnail]")).ToHaveCountAsync(0);

        await page.GetByTestId("view-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("listing")).ToHaveAttributeAsync("data-view", "grid");

        await AssertThumbnailShownAsync(page.Locator("[data-testid=entry][data-name='harbour.jpg']"), naturalWidth: 256);
    }

    [Fact]
    public async Task The_grid_shows_a_photo_a_pdf_and_a_video_and_the_preview_pages_through_the_pdf_and_plays_the_video()
    {
        var source = Directory.CreateTempSubdirectory("strata-e2e-media-").FullName;
        var photo = Path.Combine(source, "harbour.jpg");
        await File.WriteAllBytesAsync(photo, TestImages.Photo(".jpg"), Ct);
        var report = Path.Combine(source, "report.pdf");
        await File.WriteAllBytesAsync(report, TestDocuments.Pdf(pages: 3), Ct);
        var clip = TestMedia.Mp4(Path.Combine(source, "clip.mp4"));
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        await page.GotoAsync("/files/Private/alice");
        await UploadByButtonAsync(page, "upload-files", photo, report, clip);
        await page.GetByTestId("view-toggle").ClickAsync();

        foreach (var name in new[] { "harbour.jpg", "report.pdf", "clip.mp4" })
        {
            await AssertThumbnailShownAsync(page.Locator($"[data-testid=entry][data-name='{name}']"), naturalWidth: 256);
        }

        await page.Locator("[data-testid=entry][data-name='report.pdf']").DblClickAsync(new() { Position = new() { X = 8, Y = 8 } });
        var pages = page.GetByTestId("preview-pages");
        await Assertions.Expect(pages.Locator("img[data-page]")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        var third = pages.Locator("img[data-page='3']");
        await third.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(third).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        (await third.EvaluateAsync<int>("i => i.naturalHeight")).ShouldBe(1024);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(pages).ToHaveCountAsync(0);

        await page.Locator("[data-testid=entry][data-name='clip.mp4']").DblClickAsync(new() { Position = new() { X = 8, Y = 8 } });
        var video = page.GetByTestId("preview-video");
        await Assertions.Expect(video).ToBeVisibleAsync();
        await video.EvaluateAsync("v => { v.muted = true; return v.play(); }");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=preview-video]').currentTime > 0.5", null, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task The_details_show_the_picture_or_say_why_there_is_none()
    {
        var source = Directory.CreateTempSubdirectory("strata-e2e-thumbnail-").FullName;
        var photo = Path.Combine(source, "harbour.jpg");
        await File.WriteAllBytesAsync(photo, TestImages.Photo(".jpg"), Ct);
        var broken = Path.Combine(source, "cut.jpg");
        await File.WriteAllBytesAsync(broken, TestImages.TruncatedJpeg(), Ct);
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        await page.GotoAsync("/files/Private/alice");
        await UploadByButtonAsync(page, "upload-files", photo, broken);
        await AssertThumbnailShownAsync(page.Locator("[data-testid=entry][data-name='harbour.jpg']"), naturalWidth: 64);
        var brokenThumbnail = page.Locator("[data-testid=entry][data-name='cut.jpg'] [data-testid=thumbnail]");
        await Assertions.Expect(brokenThumbnail).ToHaveAttributeAsync("data-missing", "422", new() { Timeout = 30_000 });

        await page.Locator("[data-testid=entry][data-name='harbour.jpg']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await page.GetByTestId("listing").PressAsync("i");

        var drawer = page.GetByTestId("details");
        var picture = drawer.GetByTestId("details-thumbnail");
        await Assertions.Expect(picture).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=details-thumbnail]'); return i && i.complete && i.naturalWidth === 1024; }");
        await Assertions.Expect(drawer.GetByTestId("details-preview")).ToHaveCountAsync(0);

        await page.Locator("[data-testid=entry][data-name='cut.jpg']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });

        await Assertions.Expect(drawer.GetByTestId("details-path")).ToHaveTextAsync("/Private/alice/cut.jpg");
        await Assertions.Expect(drawer.GetByTestId("details-preview")).ToContainTextAsync("Not a readable image");
        await Assertions.Expect(picture).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_administrator_finds_a_failed_thumbnail_in_the_menu_and_retries_it()
    {
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            using var put = await alice.PutAsync(new Uri("/api/v1/fs-content/Private/alice/cut.jpg", UriKind.Relative), new ByteArrayContent(TestImages.TruncatedJpeg()), Ct);
            put.IsSuccessStatusCode.ShouldBeTrue();
            await Web.Tests.Previews.PreviewPolling.UntilMadeAsync(alice, new Uri("/api/v1/previews/Private/alice/cut.jpg?size=64", UriKind.Relative));
        }

        using (await App.CreateAdminClientAsync())
        {
            // Creates the administrator once.
        }

        var admin = await OpenAnonymousAsync();
        await SignInAsync(admin, Web.Tests.StrataAppFactory.AdminEmail, Web.Tests.StrataAppFactory.Password, "/files/Shared");
        await WaitInteractiveAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Preview failures" }).ClickAsync();

        var failure = admin.Locator("[data-testid=failure][data-path='/Private/alice/cut.jpg']");
        await Assertions.Expect(failure).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("failure-reason")).ToContainTextAsync("Not a readable image");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Retry /Private/alice/cut.jpg" }).ClickAsync();

        await Assertions.Expect(admin.GetByText("Making the thumbnails of /Private/alice/cut.jpg again.")).ToBeVisibleAsync();
    }

    /// <summary>The picture has loaded at the rendition's size and has replaced the icon.</summary>
    private static async Task AssertThumbnailShownAsync(ILocator entry, int naturalWidth)
    {
        var thumbnail = entry.GetByTestId("thumbnail");
        await Assertions.Expect(thumbnail).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        (await thumbnail.EvaluateAsync<int>("i => i.naturalWidth")).ShouldBe(naturalWidth);
        await Assertions.Expect(entry.Locator(".mud-icon-root").First).ToBeHiddenAsync();
    }
}
