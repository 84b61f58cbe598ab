using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NetVips;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// Video and audio with Debian's ffprobe and ffmpeg, run through <see cref="ExternalTool"/> (docs/decisions/0015):
/// ffprobe reads the facts (<see cref="MediaInfo"/>), then ffmpeg takes one frame at a tenth of the duration (the
/// embedded cover art of audio), which <see cref="WebpSizes"/> turns into the thumbnails. Both only ever read one local
/// file: <c>file:</c> names, the <c>file</c> protocol alone, and a list of container demuxers that open nothing else
/// (no hls, concat, subfile, image sequences), checked again against what ffprobe found. Each render has a temporary
/// folder of its own, deleted afterwards.
/// </summary>
public sealed partial class VideoRenderer(IOptions<PreviewOptions> options) : IRenderer
{
    /// <summary>
    /// The demuxers ffmpeg may use: the containers of the accepted types. A demuxer matches when any of its names is
    /// listed (<c>mov</c> also reads MP4 and M4A, <c>matroska</c> also WebM).
    /// </summary>
    public static IReadOnlyList<string> Demuxers { get; } = ["mov", "matroska", "webm", "avi", "ogg", "mp3", "flac", "wav", "aac"];

    private static readonly string DemuxerList = string.Join(',', Demuxers);

    private static readonly Lazy<bool> Installed = new(() => OnPath("ffprobe") && OnPath("ffmpeg"));

    private readonly PreviewOptions _options = options.Value;

    /// <summary>Whether ffprobe and ffmpeg are on the PATH; without them no video or audio is accepted.</summary>
    public static bool IsInstalled => Installed.Value;

    public bool Accepts(string contentType) =>
        (contentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase))
        && IsInstalled;

    /// <inheritdoc/>
    public async Task<RenderResult> RenderAsync(RenderSource source, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var scratch = ScratchFolder.Create(options.Value.ScratchPath);
        var input = source.LocalPath ?? await scratch.CopyAsync(source.Open, "source", cancellationToken);
        var (probe, refusal) = await ProbeAsync(input, scratch.Path, cancellationToken);
        if (probe is null)
        {
            return RenderResult.Refused(refusal!);
        }

        var (picture, pictureRefusal) = await ExtractPictureAsync(input, probe, scratch.Path, cancellationToken);
        if (picture is null)
        {
            return new RenderResult([], pictureRefusal, probe.Info);
        }

        try
        {
            return await WebpSizes.RenderAsync(() => File.OpenRead(picture), sizes, cancellationToken) with { Info = probe.Info };
        }
        catch (VipsException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new RenderResult([], $"The extracted picture is not readable: {WebpSizes.FirstLine(e.Message)}", probe.Info);
        }
    }

    /// <summary>
    /// Whether browsers play the original as it is: MP4 or WebM holding codecs every current browser decodes. Others
    /// (Matroska, AVI, QuickTime, MPEG-4 Part 2, HEVC …) get a transcode when <c>VideoTranscode</c> is on.
    /// </summary>
    public static bool IsBrowserPlayable(string contentType, MediaInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return contentType.ToLowerInvariant() switch
        {
            "video/mp4" => info.VideoCodec is "h264" or "av1" && info.AudioCodec is null or "aac" or "mp3" or "opus",
            "video/webm" => info.VideoCodec is "vp8" or "vp9" or "av1" && info.AudioCodec is null or "vorbis" or "opus",
            _ => false,
        };
    }

    /// <summary>
    /// Makes a web-playable copy: H.264 and AAC in MP4 with its index first (faststart, so it plays and seeks before it
    /// has loaded), at most 720 lines high, within three times the video's duration (at least the frame time cap).
    /// <paramref name="keep"/> reads the finished file, with its facts, before the temporary folder is deleted. When the
    /// source's <see cref="RenderSource.ContentType"/> and codecs play in browsers as they are, nothing is made and
    /// <paramref name="keep"/> is not called: videos are queued for this on upload, before anything knows their codecs.
    /// </summary>
    /// <returns>Null when kept or not needed; otherwise why there is no copy.</returns>
    public async Task<string?> TranscodeAsync(
        RenderSource source, Func<Stream, MediaInfo, CancellationToken, Task> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keep);
        using var scratch = ScratchFolder.Create(options.Value.ScratchPath);
        var input = source.LocalPath ?? await scratch.CopyAsync(source.Open, "source", cancellationToken);
        var (probe, refusal) = await ProbeAsync(input, scratch.Path, cancellationToken);
        if (probe is null)
        {
            return refusal;
        }

        if (probe.VideoStream is not { } video)
        {
            return "The file has no video to transcode.";
        }

        if (source.ContentType is { } type && IsBrowserPlayable(type, probe.Info))
        {
            return null;
        }

        var cap = TimeSpan.FromSeconds(Math.Max(3 * (probe.Info.DurationSeconds ?? 0), _options.FrameTimeout.TotalSeconds));
        var output = Path.Combine(scratch.Path, "web.mp4");
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-v", "error",
            "-protocol_whitelist", "file", "-format_whitelist", DemuxerList,
            "-i", "file:" + input,
            "-map", "0:" + video.ToString(CultureInfo.InvariantCulture), "-map", "0:a:0?", "-sn", "-dn", "-map_metadata", "-1",
            "-vf", "scale=-2:'min(720,ih)'", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "128k", "-ac", "2",
            "-movflags", "+faststart", "-f", "mp4", "-y", "file:" + output,
        ];
        var run = await ExternalTool.RunAsync("ffmpeg", arguments, scratch.Path, cap, cancellationToken);
        if (run.TimedOut)
        {
            return $"Transcoding took longer than {cap} (three times the duration).";
        }

        if (!run.Succeeded)
        {
            return Explain(run.Error, input, "ffmpeg could not transcode the video");
        }

        var (result, resultRefusal) = await ProbeAsync(output, scratch.Path, cancellationToken);
        if (result is null)
        {
            return resultRefusal;
        }

        await using var web = File.OpenRead(output);
        await keep(web, result.Info, cancellationToken);
        return null;
    }

    private async Task<(Probe? Probe, string? Refusal)> ProbeAsync(string input, string folder, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "-v", "error", "-protocol_whitelist", "file", "-format_whitelist", DemuxerList,
            "-print_format", "json", "-show_format", "-show_streams", "file:" + input,
        ];
        var run = await ExternalTool.RunAsync("ffprobe", arguments, folder, _options.ProbeTimeout, cancellationToken);
        if (run.TimedOut)
        {
            return (null, $"Reading the media information took longer than {_options.ProbeTimeout}.");
        }

        if (!run.Succeeded)
        {
            return (null, Explain(run.Error, input, "Not a readable video or audio file"));
        }

        var probe = Probe.Parse(run.Output);
        if (probe is null)
        {
            return (null, "Not a readable video or audio file: ffprobe found no container.");
        }

        // The whitelist above already stops ffprobe; this is the second lock, should a demuxer ever be named differently.
        return probe.Info.Format.Split(',').Any(name => Demuxers.Contains(name, StringComparer.Ordinal))
            ? (probe, null)
            : (null, $"The file is in a format previews do not read ({probe.Info.Format}); accepted: {string.Join(", ", Demuxers)}.");
    }

    private async Task<(string? Path, string? Refusal)> ExtractPictureAsync(string input, Probe probe, string folder, CancellationToken cancellationToken)
    {
        var (stream, seconds) = probe.VideoStream is { } video
            ? (video, probe.Info.DurationSeconds is { } duration ? duration / 10 : 0)
            : probe.CoverArtStream is { } cover
                ? (cover, 0)
                : (-1, 0);
        if (stream < 0)
        {
            return (null, "No cover art: the file has no picture to show.");
        }

        var picture = Path.Combine(folder, "picture.png");

        // At a tenth of the duration, or at the start when nothing is there (a duration longer than the stream).
        foreach (var at in seconds > 0 ? [seconds, 0] : new[] { 0d })
        {
            string[] arguments =
            [
                "-nostdin", "-hide_banner", "-v", "error",
                "-protocol_whitelist", "file", "-format_whitelist", DemuxerList,
                // Before -i, -ss seeks in the container's index instead of decoding everything up to it. Not at all
                // for the start: even -ss 0 skips cover art, which is one packet before the first audio.
                .. (at > 0 ? ["-ss", at.ToString("0.###", CultureInfo.InvariantCulture)] : Array.Empty<string>()),
                "-i", "file:" + input,
                "-map", "0:" + stream.ToString(CultureInfo.InvariantCulture), "-frames:v", "1", "-an", "-sn", "-dn",
                "-c:v", "png", "-f", "image2", "-update", "1", "-y", "file:" + picture,
            ];
            var run = await ExternalTool.RunAsync("ffmpeg", arguments, folder, _options.FrameTimeout, cancellationToken);
            if (run.TimedOut)
            {
                return (null, $"Extracting the poster frame took longer than {_options.FrameTimeout}.");
            }

            if (!run.Succeeded)
            {
                return (null, Explain(run.Error, input, "ffmpeg could not read a frame"));
            }

            if (File.Exists(picture) && new FileInfo(picture).Length > 0)
            {
                return (picture, null);
            }
        }

        return (null, "ffmpeg found no frame to show.");
    }

    /// <summary>The tool's first error line, in words for whoever may read the file: no server path, no addresses.</summary>
    private static string Explain(string error, string input, string prefix)
    {
        if (NotOnWhitelist().Match(error) is { Success: true } match)
        {
            return $"The file is in a format previews do not read ({match.Groups["format"].Value}); accepted: {string.Join(", ", Demuxers)}.";
        }

        var line = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no reason given";
        line = line.Replace("file:" + input, "the file", StringComparison.Ordinal).Replace(input, "the file", StringComparison.Ordinal);
        return $"{prefix}: {LogContext().Replace(line, "")}";
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));

    [GeneratedRegex(@"\[(?<format>[\w,]+) @ 0x[0-9a-f]+\] Format not on whitelist")]
    private static partial Regex NotOnWhitelist();

    [GeneratedRegex(@"^\[[^\]]+ @ 0x[0-9a-f]+\] ")]
    private static partial Regex LogContext();

    /// <summary>ffprobe's answer: the facts, and which stream holds the picture.</summary>
    private sealed record Probe(MediaInfo Info, int? VideoStream, int? CoverArtStream)
    {
        public static Probe? Parse(string json)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("format", out var format) || String(format, "format_name") is not { } formatName)
            {
                return null;
            }

            JsonElement? video = null, cover = null, audio = null;
            var streams = root.TryGetProperty("streams", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
            foreach (var stream in streams)
            {
                var type = String(stream, "codec_type");
                var attached = stream.TryGetProperty("disposition", out var disposition)
                    && disposition.TryGetProperty("attached_pic", out var flag) && flag.ValueKind == JsonValueKind.Number && flag.GetInt32() == 1;
                if (type == "video" && attached)
                {
                    cover ??= stream;
                }
                else if (type == "video")
                {
                    video ??= stream;
                }
                else if (type == "audio")
                {
                    audio ??= stream;
                }
            }

            var info = new MediaInfo(
                formatName,
                Number(format, "duration") is { } seconds and > 0 ? seconds : null,
                video is { } v ? Int(v, "width") : null,
                video is { } h ? Int(h, "height") : null,
                video is { } c ? String(c, "codec_name") : null,
                audio is { } a ? String(a, "codec_name") : null,
                Number(format, "bit_rate") is { } rate ? (long)rate : null);
            return new Probe(info, video is { } vs ? Int(vs, "index") : null, cover is { } cs ? Int(cs, "index") : null);
        }

        private static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static int? Int(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

        // ffprobe writes durations and bitrates as strings ("3.000000").
        private static double? Number(JsonElement element, string name) =>
            String(element, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
