using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Previews;
using Strata.Tests.Previews;
using Strata.Web.Files;

namespace Strata.Web.Tests.Files;

public sealed class DetailsDrawerMediaTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _media = Directory.CreateTempSubdirectory("strata-media-tests-");
    private FolderViewContext _context = null!;

    public async ValueTask InitializeAsync() => _context = await FolderViewContext.CreateAsync();

    [Fact]
    public async Task A_video_shows_its_duration_dimensions_and_codecs()
    {
        var hash = await WriteAsync("/Private/alice/clip.mp4", TestMedia.Mp4(Path.Combine(_media.FullName, "clip.mp4")));
        await WaitForFactsAsync(hash);
        var page = _context.RenderFolder("Private/alice");
        var drawer = page.FindComponent<DetailsDrawer>();

        FolderViewContext.Entry(page, "clip.mp4").Click(new MouseEventArgs());
        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = "i" });

        drawer.WaitForAssertion(() => drawer.Find("[data-testid=details-duration]").TextContent.ShouldBe("0:03"));
        drawer.Find("[data-testid=details-dimensions]").TextContent.ShouldBe($"{TestMedia.Width} × {TestMedia.Height}");
        drawer.Find("[data-testid=details-codecs]").TextContent.ShouldStartWith("h264 / aac · ");
    }

    [Fact]
    public async Task A_text_file_shows_no_media_facts()
    {
        await _context.WriteAsync("/Private/alice/notes.txt", "notes");
        var page = _context.RenderFolder("Private/alice");
        var drawer = page.FindComponent<DetailsDrawer>();

        FolderViewContext.Entry(page, "notes.txt").Click(new MouseEventArgs());
        page.Find("[data-testid=listing]").KeyDown(new KeyboardEventArgs { Key = "i" });

        drawer.WaitForAssertion(() => drawer.Find("[data-testid=details-type]").TextContent.ShouldBe("text/plain"));
        drawer.FindAll("[data-testid=details-duration], [data-testid=details-codecs]").ShouldBeEmpty();
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        _media.Delete(recursive: true);
    }

    private async Task<string> WriteAsync(string path, string localFile)
    {
        await using var content = File.OpenRead(localFile);
        var result = await _context.Files.WriteAsync(_context.Alice, NodePath.Parse(path), content, WriteConditions.None, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(result.Detail);
        return result.Value.ContentHash!;
    }

    private async Task WaitForFactsAsync(string hash)
    {
        var renditions = _context.App.Services.GetRequiredService<RenditionService>();
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (await renditions.ReadMediaInfoAsync(hash, CancellationToken.None) is null)
        {
            DateTimeOffset.UtcNow.ShouldBeLessThan(deadline, "the media facts were never read");
            await Task.Delay(100, Xunit.TestContext.Current.CancellationToken);
        }
    }
}
