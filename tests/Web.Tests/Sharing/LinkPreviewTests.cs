using System.Net;
using Strata.Tests.Previews;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Previews;

namespace Strata.Web.Tests.Sharing;

/// <summary>
/// A link's thumbnails come from the same renditions as the app's; a preview-only link shows only those, never a
/// byte of the original, in place or not.
/// </summary>
public sealed class LinkPreviewTests : LinkScenario
{
    private const string Album = "/Private/alice/Album";
    private static readonly byte[] PhotoBytes = TestImages.Photo(".jpg");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        (await Alice.MkdirAsync(Album)).EnsureSuccessStatusCode();
        using var put = await Alice.PutAsync(FsClient.Content(Album + "/photo.jpg"), new ByteArrayContent(PhotoBytes), Ct);
        put.EnsureSuccessStatusCode();
        (await Alice.PutTextAsync(Album + "/notes.txt", "the notes")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_preview_only_link_serves_the_rendition_and_refuses_the_original_even_in_place()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Album, previewOnly = true });

        using var preview = await Visitor.UntilMadeAsync(LinkClient.Api(token, "/preview/photo.jpg?size=1024"));

        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        preview.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
        var picture = await preview.Content.ReadAsByteArrayAsync(Ct);
        TestImages.SizeOf(picture).ShouldBe((1024, 683));
        picture.ShouldNotBe(PhotoBytes);
        (await Visitor.FetchAsync(LinkClient.Api(token, "/content/photo.jpg?inline=1"))).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await Visitor.FetchAsync(LinkClient.Api(token, "/content/notes.txt?inline=1"))).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_preview_only_page_shows_the_rendition_not_the_file()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Album, previewOnly = true });

        var folder = (await Visitor.FetchAsync(LinkClient.Page(token))).Body;
        var photo = (await Visitor.FetchAsync(LinkClient.Page(token, "/photo.jpg"))).Body;

        folder.ShouldContain($"data-thumb=\"/api/v1/public/{token}/preview/photo.jpg?size=64\"");
        photo.ShouldContain($"data-thumb=\"/api/v1/public/{token}/preview/photo.jpg?size=1024\"");
        photo.ShouldNotContain("/content/");
    }

    [Fact]
    public async Task A_link_previews_only_inside_its_folder_and_behind_its_password()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Album, password = "open sesame" });
        (await Alice.PutTextAsync("/Private/alice/outside.jpg", "x")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync(Album + "/build.bin", "x")).EnsureSuccessStatusCode();

        (await Visitor.FetchAsync(LinkClient.Api(token, "/preview/photo.jpg"))).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Visitor.FetchAsync(LinkClient.Api(token, "/preview/..%2Foutside.jpg"), "open sesame")).Status.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
        (await Visitor.FetchAsync(LinkClient.Api(token, "/preview/build.bin"), "open sesame")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Visitor.FetchAsync(LinkClient.Api(token, "/preview"), "open sesame")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }
}
