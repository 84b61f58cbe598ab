using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Infrastructure.Flags;
using Strata.Tests.Previews;
using Strata.Web.Tests.Dav;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;
using Strata.Web.Tests.Uploads;

namespace Strata.Web.Tests.Previews;

public sealed class PreviewsApiTests : IAsyncLifetime
{
    private const string Photo = "/Shared/Team/photo.jpg";

    private readonly StrataAppFactory _app = new();
    private HttpClient _admin = null!;
    private HttpClient _alice = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = await _app.CreateAdminClientAsync();
        (await _admin.MkdirAsync("/Shared/Team")).StatusCode.ShouldBe(HttpStatusCode.Created);
        _alice = await _app.CreateUserClientAsync();
        await _admin.GrantUserAsync("/Shared/Team", "alice", "Full");
    }

    [Fact]
    public async Task An_uploaded_photo_gets_a_256_pixel_webp_thumbnail()
    {
        await UploadAsync(Photo, TestImages.Photo(".jpg"));

        using var response = await _alice.UntilMadeAsync(Preview(Photo, 256));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.ETag.ShouldNotBeNull();
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        TestImages.IsWebp(body).ShouldBeTrue();
        TestImages.SizeOf(body).ShouldBe((256, 256));
    }

    [Fact]
    public async Task A_phone_photo_in_heic_gets_its_thumbnail()
    {
        await UploadAsync("/Shared/Team/IMG_0001.HEIC", await TestImages.HeicAsync());

        using var response = await _alice.UntilMadeAsync(Preview("/Shared/Team/IMG_0001.HEIC", 256));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestImages.SizeOf(await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBe((256, 256));
    }

    [Fact]
    public async Task A_photo_written_over_webdav_gets_its_thumbnail_too()
    {
        using var put = await _alice.PutAsync(DavClient.DavUri("/Shared/Team/from-dav.png"), new ByteArrayContent(TestImages.Photo(".png")), Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await _alice.UntilMadeAsync(Preview("/Shared/Team/from-dav.png", 1024));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestImages.SizeOf(await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBe((1024, 683));
    }

    [Fact]
    public async Task A_photo_uploaded_with_tus_gets_its_thumbnail_too()
    {
        var photo = TestImages.Photo(".jpg");
        using var created = await _alice.CreateAsync("/Shared/Team", "from-tus.jpg", photo.Length, photo);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await _alice.UntilMadeAsync(Preview("/Shared/Team/from-tus.jpg", 64));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestImages.SizeOf(await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBe((64, 64));
    }

    [Fact]
    public async Task A_size_nobody_asked_for_yet_answers_202_and_is_made_on_demand()
    {
        await UploadAsync(Photo, TestImages.Photo(".jpg"));

        using var first = await _alice.GetAsync(Preview(Photo, 2048), Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        first.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(2));
        using var ready = await _alice.UntilMadeAsync(Preview(Photo, 2048));
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestImages.SizeOf(await ready.Content.ReadAsByteArrayAsync(Ct)).ShouldBe((TestImages.Width, TestImages.Height));
    }

    [Fact]
    public async Task The_etag_answers_304_and_a_version_is_cached_for_good()
    {
        await UploadAsync(Photo, TestImages.Photo(".jpg"));
        using var byPath = await _alice.UntilMadeAsync(Preview(Photo, 64));
        using var request = new HttpRequestMessage(HttpMethod.Get, Preview(Photo, 64, version: 1));
        request.Headers.IfNoneMatch.Add(byPath.Headers.ETag!);

        using var revalidated = await _alice.SendAsync(request, Ct);
        using var byVersion = await _alice.GetAsync(Preview(Photo, 64, version: 1), Ct);

        byPath.Headers.CacheControl.ShouldNotBeNull().ShouldSatisfyAllConditions(c => c.NoCache.ShouldBeTrue(), c => c.Private.ShouldBeTrue());
        revalidated.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        byVersion.Headers.CacheControl.ShouldNotBeNull().ShouldSatisfyAllConditions(
            c => c.Private.ShouldBeTrue(), c => c.MaxAge.ShouldBe(TimeSpan.FromDays(365)), c => c.Extensions.ShouldContain(e => e.Name == "immutable"));
    }

    [Fact]
    public async Task A_file_type_without_a_preview_answers_404_problem()
    {
        await UploadAsync("/Shared/Team/build.zip", [0x50, 0x4B, 0x05, 0x06, .. new byte[18]]);

        using var response = await _alice.GetAsync(Preview("/Shared/Team/build.zip", 256), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await ProblemAsync(response)).ShouldContain("zip");
    }

    [Fact]
    public async Task A_viewer_of_another_folder_gets_the_404_of_a_missing_file()
    {
        (await _admin.MkdirAsync("/Shared/Other")).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var bob = await _app.CreateUserClientAsync("bob@strata.test");
        await _admin.GrantUserAsync("/Shared/Other", "bob", "Viewer");
        await UploadAsync(Photo, TestImages.Photo(".jpg"));
        (await _alice.UntilMadeAsync(Preview(Photo, 256))).Dispose();

        using var hidden = await bob.GetAsync(Preview(Photo, 256), Ct);
        using var missing = await bob.GetAsync(Preview("/Shared/Team/nothing.jpg", 256), Ct);

        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAsync(hidden)).ShouldBe((await ProblemAsync(missing)).Replace("nothing.jpg", "photo.jpg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_thumbnails_off_existing_previews_are_served_and_no_new_ones_made()
    {
        await UploadAsync(Photo, TestImages.Photo(".jpg"));
        (await _alice.UntilMadeAsync(Preview(Photo, 256))).Dispose();
        (await _admin.PutAsJsonAsync(new Uri($"/api/v1/admin/flags/{FlagNames.Thumbnails}", UriKind.Relative), new FlagSettings(false, null, null, 100), Ct))
            .EnsureSuccessStatusCode();
        await UploadAsync("/Shared/Team/new.png", TestImages.Photo(".png"));

        using var existing = await _alice.GetAsync(Preview(Photo, 256), Ct);
        using var fresh = await _alice.GetAsync(Preview("/Shared/Team/new.png", 256), Ct);

        existing.StatusCode.ShouldBe(HttpStatusCode.OK);
        fresh.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAsync(fresh)).ShouldContain("switched off");
    }

    [Fact]
    public async Task A_broken_picture_answers_a_problem_naming_the_failure()
    {
        await UploadAsync("/Shared/Team/cut.jpg", TestImages.TruncatedJpeg());

        using var response = await _alice.UntilMadeAsync(Preview("/Shared/Team/cut.jpg", 256));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ProblemAsync(response)).ShouldStartWith("Not a readable image");
    }

    [Theory]
    [InlineData("size=100")]
    [InlineData("size=big")]
    public async Task A_size_that_is_not_offered_answers_400(string query)
    {
        await UploadAsync(Photo, TestImages.Photo(".jpg"));

        using var response = await _alice.GetAsync(new Uri($"/api/v1/previews{Photo}?{query}", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _alice.Dispose();
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Uri Preview(string path, int size, int? version = null) =>
        new($"/api/v1/previews{path}?size={size}" + (version is { } v ? $"&version={v}" : ""), UriKind.Relative);

    private async Task UploadAsync(string path, byte[] content)
    {
        using var put = await _alice.PutAsync(FsClient.Content(path), new ByteArrayContent(content), Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;
}
