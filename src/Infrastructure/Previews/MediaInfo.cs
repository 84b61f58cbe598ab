using System.Globalization;
using System.Text.Json;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// What ffprobe says about a video or audio file, as served by <c>?kind=info</c> and shown in the details drawer.
/// Every fact but the format may be null: a container may not state its duration or bitrate, audio has no dimensions.
/// </summary>
/// <param name="Format">The demuxer that read it (<c>mov</c>, <c>matroska</c>, <c>mp3</c> …).</param>
/// <param name="DurationSeconds">Playing time in seconds.</param>
/// <param name="Width">The video's width in pixels; null for audio.</param>
/// <param name="Height">The video's height in pixels; null for audio.</param>
/// <param name="VideoCodec">ffmpeg's name of the first video stream's codec (<c>h264</c>, <c>vp9</c> …).</param>
/// <param name="AudioCodec">ffmpeg's name of the first audio stream's codec (<c>aac</c>, <c>mp3</c> …).</param>
/// <param name="BitRate">Bits per second over the whole file.</param>
public sealed record MediaInfo(
    string Format, double? DurationSeconds, int? Width, int? Height, string? VideoCodec, string? AudioCodec, long? BitRate)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static ValueTask<MediaInfo?> ReadAsync(Stream json, CancellationToken cancellationToken) =>
        JsonSerializer.DeserializeAsync<MediaInfo>(json, Json, cancellationToken);

    /// <summary>"h264 / aac": the codecs present, video first.</summary>
    public string Codecs => string.Join(" / ", new[] { VideoCodec, AudioCodec }.OfType<string>());

    /// <summary>"1:02:03" or "2:03".</summary>
    public string? Duration => DurationSeconds is { } seconds
        ? TimeSpan.FromSeconds(Math.Round(seconds)).ToString(seconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture)
        : null;
}
