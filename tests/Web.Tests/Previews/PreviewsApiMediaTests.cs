using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Previews;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Previews;
using Strata.Tests.Previews;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Previews;

/// <summary>Video and audio through the previews API: a poster as the thumbnail, the media facts at <c>?kind=info</c>.</summary>
public sealed class PreviewsApiMediaTests : IAsyncLifetime
{
    private const string Video = "/Shared/Team/clip.mp4";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly StrataAppFactory _app = new();
    private readonly DirectoryInfo _media = Directory.CreateTempSubdirectory("strata-media-tests-");
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
    public async Task An_uploaded_video_gets_a_webp_poster()
    {
        await UploadAsync(Video, TestMedia.Mp4(In("clip.mp4")));

        using var response = await PollAsync(_alice, Preview(Video, "size=256"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        TestImages.IsWebp(body).ShouldBeTrue();
        TestImages.SizeOf(body).ShouldBe((256, TestMedia.Height));
    }

    [Fact]
    public async Task The_media_facts_of_a_video_are_served_as_json()
    {
        await UploadAsync(Video, TestMedia.Mp4(In("clip.mp4")));

        using var response = await PollAsync(_alice, Preview(Video, "kind=info"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var info = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        info.GetProperty("durationSeconds").GetDouble().ShouldBe(3, tolerance: 0.1);
        info.GetProperty("duration").GetString().ShouldBe("0:03");
        (info.GetProperty("width").GetInt32(), info.GetProperty("height").GetInt32()).ShouldBe((TestMedia.Width, TestMedia.Height));
        (info.GetProperty("videoCodec").GetString(), info.GetProperty("audioCodec").GetString()).ShouldBe(("h264", "aac"));
        info.GetProperty("bitRate").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_song_without_cover_art_has_facts_and_a_thumbnail_refused_by_name()
    {
        await UploadAsync("/Shared/Team/song.mp3", TestMedia.Mp3(In("song.mp3"), withCover: false));

        using var info = await PollAsync(_alice, Preview("/Shared/Team/song.mp3", "kind=info"));
        using var thumbnail = await PollAsync(_alice, Preview("/Shared/Team/song.mp3", "size=256"));

        info.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await info.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("audioCodec").GetString().ShouldBe("mp3");
        thumbnail.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ProblemAsync(thumbnail)).ShouldStartWith("No cover art");
    }

    [Fact]
    public async Task An_hls_playlist_saved_as_avi_answers_a_problem_for_both_kinds()
    {
        var secret = TestMedia.Video(In("secret.ts"), "mpeg2video");
        await UploadAsync("/Shared/Team/holiday.avi", WriteText(In("holiday.avi"), $"#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXTINF:3,\nfile:{secret}\n#EXT-X-ENDLIST\n"));

        using var thumbnail = await PollAsync(_alice, Preview("/Shared/Team/holiday.avi", "size=256"));
        using var info = await PollAsync(_alice, Preview("/Shared/Team/holiday.avi", "kind=info"));

        thumbnail.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ProblemAsync(thumbnail)).ShouldContain("(hls)");
        info.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_video_browsers_cannot_play_gets_an_mp4_copy_that_seeks()
    {
        await UploadAsync("/Shared/Team/old.avi", TestMedia.Avi(In("old.avi")));

        using var response = await PollAsync(_alice, Preview("/Shared/Team/old.avi", "kind=video"));
        using var request = new HttpRequestMessage(HttpMethod.Get, Preview("/Shared/Team/old.avi", "kind=video"));
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199);
        using var range = await _alice.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("video/mp4");
        response.Headers.AcceptRanges.ShouldContain("bytes");
        var copy = await response.Content.ReadAsByteArrayAsync(Ct);
        var local = In("copy.mp4");
        await File.WriteAllBytesAsync(local, copy, Ct);
        var (moov, mdat) = TestMedia.BoxOffsets(local);
        moov.ShouldBeLessThan(mdat);
        range.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await range.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(copy[100..200]);
    }

    [Fact]
    public async Task Videos_are_transcoded_on_upload_before_anyone_asks_unless_browsers_play_them()
    {
        var playable = await UploadAsync(Video, TestMedia.Mp4(In("clip.mp4")));
        var old = await UploadAsync("/Shared/Team/old.avi", TestMedia.Avi(In("old.avi"), seconds: 1));
        var renditions = _app.Services.GetRequiredService<RenditionService>();

        // One worker takes transcodes in turn, so the MP4's job is done once the AVI's copy is.
        var deadline = DateTimeOffset.UtcNow + Patience;
        Rendition? copy;
        while ((copy = await renditions.FindVideoAsync(old, Ct)) is not { Status: RenditionStatus.Ready })
        {
            copy?.Status.ShouldNotBe(RenditionStatus.Failed, copy.FailureReason);
            DateTimeOffset.UtcNow.ShouldBeLessThan(deadline, "the AVI was never transcoded");
            await Task.Delay(100, Ct);
        }

        (copy.Width, copy.Height).ShouldBe((960, 720));
        (await renditions.FindVideoAsync(playable, Ct)).ShouldBeNull("an MP4 of H.264 and AAC plays as it is");
    }

    [Fact]
    public async Task A_video_browsers_play_has_no_copy()
    {
        await UploadAsync(Video, TestMedia.Mp4(In("clip.mp4")));

        using var response = await PollAsync(_alice, Preview(Video, "kind=video"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAsync(response)).ShouldContain("plays in the browser");
    }

    [Fact]
    public async Task With_transcoding_off_no_copy_is_made()
    {
        (await _admin.PutAsJsonAsync(new Uri($"/api/v1/admin/flags/{FlagNames.VideoTranscode}", UriKind.Relative), new FlagSettings(false, null, null, 100), Ct))
            .EnsureSuccessStatusCode();
        await UploadAsync("/Shared/Team/old.avi", TestMedia.Avi(In("old.avi"), seconds: 1));

        using var response = await PollAsync(_alice, Preview("/Shared/Team/old.avi", "kind=video"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAsync(response)).ShouldContain("transcoding is switched off");
    }

    [Fact]
    public async Task A_picture_has_no_media_facts()
    {
        await UploadAsync("/Shared/Team/photo.png", WriteBytes(In("photo.png"), TestImages.Photo(".png")));

        using var response = await _alice.GetAsync(Preview("/Shared/Team/photo.png", "kind=info"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAsync(response)).ShouldContain("no media information");
    }

    [Fact]
    public async Task An_unknown_kind_answers_400()
    {
        await UploadAsync(Video, TestMedia.Mp4(In("clip.mp4")));

        using var response = await _alice.GetAsync(Preview(Video, "kind=poster"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_viewer_of_another_folder_gets_404_for_the_poster_and_the_facts()
    {
        (await _admin.MkdirAsync("/Shared/Other")).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var bob = await _app.CreateUserClientAsync("bob@strata.test");
        await _admin.GrantUserAsync("/Shared/Other", "bob", "Viewer");
        await UploadAsync(Video, TestMedia.Mp4(In("clip.mp4")));
        (await PollAsync(_alice, Preview(Video, "kind=info"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var poster = await bob.GetAsync(Preview(Video, "size=256"), Ct);
        using var info = await bob.GetAsync(Preview(Video, "kind=info"), Ct);
        using var missing = await bob.GetAsync(Preview("/Shared/Team/nothing.mp4", "kind=info"), Ct);

        poster.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        info.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAsync(info)).ShouldBe((await ProblemAsync(missing)).Replace("nothing.mp4", "clip.mp4", StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _alice.Dispose();
        _app.Dispose();
        _media.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private static Uri Preview(string path, string query) => new($"/api/v1/previews{path}?{query}", UriKind.Relative);

    private string In(string name) => Path.Combine(_media.FullName, name);

    private static string WriteText(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }

    private static string WriteBytes(string path, byte[] bytes)
    {
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Uploads as Alice; returns the content hash.</summary>
    private async Task<string> UploadAsync(string path, string localFile)
    {
        await using var content = File.OpenRead(localFile);
        using var put = await _alice.PutAsync(FsClient.Content(path), new StreamContent(content), Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await put.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("contentHash").GetString()!;
    }

    /// <summary>Asks until the answer is no longer 202, as a client honouring Retry-After would (faster).</summary>
    private static async Task<HttpResponseMessage> PollAsync(HttpClient client, Uri preview)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var response = await client.GetAsync(preview, Ct);
            if (response.StatusCode != HttpStatusCode.Accepted || DateTimeOffset.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;
}
