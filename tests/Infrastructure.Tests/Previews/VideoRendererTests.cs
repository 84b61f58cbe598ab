using System.Diagnostics;
using Microsoft.Extensions.Options;
using Strata.Domain.Previews;
using Strata.Infrastructure.Previews;
using Strata.Tests.Previews;

namespace Strata.Infrastructure.Tests.Previews;

public sealed class VideoRendererTests : IDisposable
{
    private static readonly VideoRenderer Renderer = new(Options.Create(new PreviewOptions()));

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("strata-video-tests-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_mp4_renders_its_poster_in_every_size_with_its_facts()
    {
        var video = TestMedia.Mp4(In("clip.mp4"));

        var result = await RenderAsync(video, RenditionSize.All);

        result.Refusal.ShouldBeNull();
        result.Images.Select(i => (i.Size, i.Width, i.Height)).OrderBy(i => i.Size)
            .ShouldBe([(64, 64, 64), (256, 256, TestMedia.Height), (1024, TestMedia.Width, TestMedia.Height), (2048, TestMedia.Width, TestMedia.Height)]);
        foreach (var image in result.Images)
        {
            TestImages.IsWebp(image.Webp).ShouldBeTrue();
            TestImages.SizeOf(image.Webp).ShouldBe((image.Width, image.Height));
        }

        var info = result.Info.ShouldNotBeNull();
        info.Format.ShouldContain("mp4");
        info.DurationSeconds.ShouldNotBeNull().ShouldBe(3, tolerance: 0.1);
        (info.Width, info.Height, info.VideoCodec, info.AudioCodec).ShouldBe((TestMedia.Width, TestMedia.Height, "h264", "aac"));
        info.BitRate.ShouldNotBeNull().ShouldBeGreaterThan(0);
        info.Duration.ShouldBe("0:03");
    }

    [Theory]
    [InlineData("clip.mkv", "libvpx", "vp8")]
    [InlineData("clip.webm", "libvpx", "vp8")]
    [InlineData("clip.mov", "libx264", "h264")]
    [InlineData("clip.avi", "mpeg4", "mpeg4")]
    [InlineData("clip.ogv", "libtheora", "theora")]
    public async Task Each_accepted_container_renders_a_poster(string name, string encoder, string codec)
    {
        var video = TestMedia.Video(In(name), encoder);

        var result = await RenderAsync(video, [RenditionSize.Icon]);

        result.Refusal.ShouldBeNull();
        TestImages.SizeOf(result.Images.ShouldHaveSingleItem().Webp).ShouldBe((64, 64));
        result.Info.ShouldNotBeNull().VideoCodec.ShouldBe(codec);
    }

    [Fact]
    public async Task An_mp4_with_its_index_at_the_end_renders_from_the_middle_without_reading_it_all()
    {
        var video = TestMedia.Mp4(In("long.mp4"), seconds: 60);
        var (moov, mdat) = TestMedia.BoxOffsets(video);

        var result = await RenderAsync(video, [RenditionSize.Preview]);

        moov.ShouldBeGreaterThan(mdat, "the test needs a file without faststart");
        result.Refusal.ShouldBeNull();
        result.Images.ShouldHaveSingleItem().Width.ShouldBe(TestMedia.Width);
        result.Info.ShouldNotBeNull().DurationSeconds.ShouldNotBeNull().ShouldBe(60, tolerance: 0.1);
    }

    [Fact]
    public async Task Audio_with_cover_art_gets_the_cover_as_thumbnail()
    {
        var song = TestMedia.Mp3(In("song.mp3"), withCover: true);

        var result = await RenderAsync(song, [RenditionSize.Grid, RenditionSize.Preview]);

        result.Refusal.ShouldBeNull();
        result.Images.Select(i => (i.Size, i.Width, i.Height)).OrderBy(i => i.Size).ShouldBe([(256, 256, 256), (1024, 300, 300)]);
        var info = result.Info.ShouldNotBeNull();
        (info.AudioCodec, info.VideoCodec, info.Width).ShouldBe(("mp3", null, null));
        info.DurationSeconds.ShouldNotBeNull().ShouldBe(2, tolerance: 0.1);
    }

    [Fact]
    public async Task Audio_without_cover_art_is_refused_by_name_and_keeps_its_facts()
    {
        var song = TestMedia.Mp3(In("bare.mp3"), withCover: false);

        var result = await RenderAsync(song, RenditionSize.Standard);

        result.Images.ShouldBeEmpty();
        result.Refusal.ShouldNotBeNull().ShouldStartWith("No cover art");
        result.Info.ShouldNotBeNull().AudioCodec.ShouldBe("mp3");
    }

    [Fact]
    public async Task An_hls_playlist_saved_as_avi_is_refused_and_never_reads_the_file_it_names()
    {
        // The secret is a real video: were the playlist followed, its frame would be the poster.
        var secret = TestMedia.Video(In("secret.ts"), "mpeg2video");
        var playlist = In("holiday.avi");
        await File.WriteAllTextAsync(playlist, $"#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXTINF:3,\nfile:{secret}\n#EXT-X-ENDLIST\n", Ct);
        var secretRead = File.GetLastAccessTimeUtc(secret);

        var result = await RenderAsync(playlist, RenditionSize.Standard);

        result.Images.ShouldBeEmpty();
        result.Info.ShouldBeNull();
        result.Refusal.ShouldNotBeNull().ShouldContain("(hls)");
        result.Refusal.ShouldNotContain(_folder.FullName);
        File.GetLastAccessTimeUtc(secret).ShouldBe(secretRead);
    }

    [Fact]
    public async Task A_file_named_like_a_concat_protocol_is_read_as_that_one_file()
    {
        TestMedia.Mp4(In("part1.mp4"), seconds: 1);
        var named = TestMedia.Mp4(In("concat:part1.mp4|part1.mp4"), seconds: 4);

        var result = await RenderAsync(named, [RenditionSize.Icon]);

        result.Refusal.ShouldBeNull();
        result.Info.ShouldNotBeNull().DurationSeconds.ShouldNotBeNull().ShouldBe(4, tolerance: 0.1);
    }

    [Fact]
    public async Task A_file_name_with_shell_characters_is_only_a_name()
    {
        var video = TestMedia.Mp4(In("a;touch pwned$(id).mp4"));

        var result = await RenderAsync(video, [RenditionSize.Icon]);

        result.Refusal.ShouldBeNull();
        result.Images.ShouldHaveSingleItem();
        _folder.GetFiles("pwned*").ShouldBeEmpty();
        Directory.GetFiles(Environment.CurrentDirectory, "pwned*").ShouldBeEmpty();
    }

    [Fact]
    public async Task Text_named_as_a_video_is_refused_as_unreadable()
    {
        var fake = In("notes.mp4");
        await File.WriteAllTextAsync(fake, "not a video at all", Ct);

        var result = await RenderAsync(fake, RenditionSize.Standard);

        result.Images.ShouldBeEmpty();
        result.Refusal.ShouldNotBeNull().ShouldStartWith("Not a readable video or audio file");
        result.Refusal.ShouldNotContain(_folder.FullName);
    }

    [Fact]
    public async Task A_probe_over_its_time_cap_ends_as_a_refusal_within_the_cap()
    {
        var video = TestMedia.Mp4(In("clip.mp4"));
        var slow = new VideoRenderer(Options.Create(new PreviewOptions { ProbeTimeout = TimeSpan.FromMilliseconds(1) }));
        var watch = Stopwatch.StartNew();

        var result = await slow.RenderAsync(new RenderSource(() => File.OpenRead(video), video), RenditionSize.Standard, Ct);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        result.Refusal.ShouldNotBeNull().ShouldStartWith("Reading the media information took longer than");
    }

    [Fact]
    public async Task A_frame_over_its_time_cap_ends_as_a_refusal_within_the_cap()
    {
        var video = TestMedia.Mp4(In("clip.mp4"));
        var slow = new VideoRenderer(Options.Create(new PreviewOptions { FrameTimeout = TimeSpan.FromMilliseconds(1) }));
        var watch = Stopwatch.StartNew();

        var result = await slow.RenderAsync(new RenderSource(() => File.OpenRead(video), video), RenditionSize.Standard, Ct);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        result.Refusal.ShouldNotBeNull().ShouldStartWith("Extracting the poster frame took longer than");
        result.Info.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_source_without_a_local_path_is_copied_and_every_job_folder_is_deleted()
    {
        var video = TestMedia.Mp4(In("clip.mp4"));
        var scratch = Directory.CreateDirectory(In("scratch"));
        var renderer = new VideoRenderer(Options.Create(new PreviewOptions { ScratchPath = scratch.FullName }));
        var copied = false;

        var result = await renderer.RenderAsync(
            new RenderSource(
                () =>
                {
                    copied = scratch.GetDirectories().Length == 1; // opened to be copied into its job's folder
                    return new MemoryStream(File.ReadAllBytes(video), writable: false);
                },
                null),
            [RenditionSize.Icon],
            Ct);

        result.Refusal.ShouldBeNull();
        result.Images.ShouldHaveSingleItem();
        copied.ShouldBeTrue();
        scratch.GetFileSystemInfos().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_video_browsers_cannot_play_is_transcoded_to_a_faststart_720p_h264_mp4_of_its_length()
    {
        var avi = TestMedia.Avi(In("old.avi"));
        var web = In("web.mp4");
        MediaInfo? kept = null;

        var refusal = await Renderer.TranscodeAsync(
            new RenderSource(() => File.OpenRead(avi), avi),
            async (stream, info, token) =>
            {
                await using var copy = File.Create(web);
                await stream.CopyToAsync(copy, token);
                kept = info;
            },
            Ct);

        refusal.ShouldBeNull();
        var info = kept.ShouldNotBeNull();
        (info.Width, info.Height, info.VideoCodec, info.AudioCodec).ShouldBe((960, 720, "h264", "aac"));
        info.DurationSeconds.ShouldNotBeNull().ShouldBe(3, tolerance: 0.1);
        var (moov, mdat) = TestMedia.BoxOffsets(web);
        moov.ShouldBeLessThan(mdat, "faststart puts the index before the frames");
        VideoRenderer.IsBrowserPlayable("video/mp4", info).ShouldBeTrue();
    }

    [Fact]
    public async Task A_video_browsers_play_is_not_transcoded()
    {
        var mp4 = TestMedia.Mp4(In("clip.mp4"));
        var kept = false;

        var refusal = await Renderer.TranscodeAsync(
            new RenderSource(() => File.OpenRead(mp4), mp4) { ContentType = "video/mp4" },
            (_, _, _) =>
            {
                kept = true;
                return Task.CompletedTask;
            },
            Ct);

        refusal.ShouldBeNull();
        kept.ShouldBeFalse();
    }

    [Fact]
    public async Task Audio_alone_is_not_transcoded()
    {
        var song = TestMedia.Mp3(In("song.mp3"), withCover: true);

        var refusal = await Renderer.TranscodeAsync(new RenderSource(() => File.OpenRead(song), song), (_, _, _) => Task.CompletedTask, Ct);

        refusal.ShouldBe("The file has no video to transcode.");
    }

    [Theory]
    [InlineData("video/mp4", "h264", "aac", true)]
    [InlineData("video/mp4", "h264", null, true)]
    [InlineData("video/webm", "vp9", "opus", true)]
    [InlineData("video/mp4", "hevc", "aac", false)]
    [InlineData("video/mp4", "mpeg4", "aac", false)]
    [InlineData("video/x-msvideo", "h264", "mp3", false)]
    [InlineData("video/x-matroska", "h264", "aac", false)]
    [InlineData("video/quicktime", "h264", "aac", false)]
    public void Only_mp4_and_webm_with_browser_codecs_play_as_they_are(string contentType, string video, string? audio, bool playable) =>
        VideoRenderer.IsBrowserPlayable(contentType, new MediaInfo("mov", 3, 320, 240, video, audio, 1000)).ShouldBe(playable);

    [Theory]
    [InlineData("video/mp4", true)]
    [InlineData("video/x-matroska", true)]
    [InlineData("audio/mpeg", true)]
    [InlineData("audio/flac", true)]
    [InlineData("image/png", false)]
    [InlineData("application/octet-stream", false)]
    public void Video_and_audio_types_are_accepted(string contentType, bool accepted) =>
        Renderer.Accepts(contentType).ShouldBe(accepted);

    public void Dispose() => _folder.Delete(recursive: true);

    private string In(string name) => Path.Combine(_folder.FullName, name);

    private static Task<RenderResult> RenderAsync(string path, IReadOnlyList<int> sizes) =>
        Renderer.RenderAsync(new RenderSource(() => File.OpenRead(path), path), sizes, Ct);
}
