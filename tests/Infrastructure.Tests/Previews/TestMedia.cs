using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;

namespace Strata.Tests.Previews;

/// <summary>Real video and audio made by ffmpeg in the test, never checked-in binaries; shared by the test projects that render.</summary>
internal static class TestMedia
{
    public const int Width = 320;
    public const int Height = 240;

    /// <summary>A test pattern with a tone, <paramref name="seconds"/> long, H.264/AAC in MP4 with its index at the end.</summary>
    public static string Mp4(string path, int seconds = 3) =>
        Make(path, [.. Pattern(seconds), .. Tone(seconds), "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"]);

    /// <summary>A test pattern in a container and codec of the caller's (".mkv" with "libvpx", ".avi" with "mpeg4" …).</summary>
    public static string Video(string path, string videoCodec, int seconds = 3) =>
        Make(path, [.. Pattern(seconds), "-c:v", videoCodec, "-pix_fmt", "yuv420p"]);

    /// <summary>A 1280 × 960 MPEG-4 Part 2 video with an MP3 tone in AVI: a file browsers do not play.</summary>
    public static string Avi(string path, int seconds = 3) =>
        Make(path, ["-f", "lavfi", "-i", $"testsrc=duration={seconds}:size=1280x960:rate=25", .. Tone(seconds),
            "-map", "0:v", "-map", "1:a", "-c:v", "mpeg4", "-q:v", "5", "-c:a", "libmp3lame"]);

    /// <summary>An MP3 tone, with a 300 × 300 red cover picture when <paramref name="withCover"/>.</summary>
    public static string Mp3(string path, bool withCover, int seconds = 2) => withCover
        ? Make(path, [.. Tone(seconds), "-f", "lavfi", "-i", "color=c=red:s=300x300:d=1", "-map", "0:a", "-map", "1:v", "-frames:v", "1",
            "-c:a", "libmp3lame", "-c:v", "mjpeg", "-disposition:v:0", "attached_pic", "-id3v2_version", "3"])
        : Make(path, [.. Tone(seconds), "-c:a", "libmp3lame"]);

    /// <summary>Runs ffmpeg with <paramref name="arguments"/> writing <paramref name="path"/>, and returns the path.</summary>
    public static string Make(string path, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in (string[])["-nostdin", "-v", "error", "-y", .. arguments, "file:" + path])
        {
            start.ArgumentList.Add(argument);
        }

        using var ffmpeg = Process.Start(start)!;
        var error = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg could not make {path}: {error}");
        }

        return path;
    }

    /// <summary>Where the MP4 'moov' box (the index) starts, and where 'mdat' (the frames) starts.</summary>
    public static (long Moov, long Mdat) BoxOffsets(string path)
    {
        using var file = File.OpenRead(path);
        var header = new byte[8];
        long moov = -1, mdat = -1;
        for (long at = 0; at < file.Length;)
        {
            file.Position = at;
            file.ReadExactly(header);
            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.ASCII.GetString(header, 4, 4);
            moov = type == "moov" ? at : moov;
            mdat = type == "mdat" ? at : mdat;
            at += size < 8 ? file.Length : size;
        }

        return (moov, mdat);
    }

    private static string[] Pattern(int seconds) =>
        ["-f", "lavfi", "-i", $"testsrc=duration={seconds}:size={Width}x{Height}:rate=25"];

    private static string[] Tone(int seconds) => ["-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds}"];
}
