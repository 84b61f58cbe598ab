using System.Buffers.Binary;
using NetVips;

namespace Strata.Tests.Previews;

/// <summary>Real pictures made by libvips itself, in any format it writes; shared by the test projects that render.</summary>
internal static class TestImages
{
    public const int Width = 1200;
    public const int Height = 800;

    /// <summary>A gradient picture encoded by <paramref name="suffix"/> (".jpg", ".png", ".avif[effort=0]"…).</summary>
    public static byte[] Photo(string suffix, int width = Width, int height = Height, int? orientation = null)
    {
        using var xy = Image.Xyz(width, height);
        using var x = xy[0];
        using var y = xy[1];
        using var sum = x + y;
        using var bands = x.Bandjoin(y, sum);
        using var wrapped = bands % 256;
        using var rgb = wrapped.Cast(Enums.BandFormat.Uchar);
        using var oriented = orientation is { } o ? rgb.Mutate(m => m.Set(GValue.GIntType, "orientation", o)) : rgb.Copy();
        return oriented.WriteToBuffer(suffix);
    }

    /// <summary>A few hundred bytes of PNG whose header declares <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] DecompressionBomb(int width = 50_000, int height = 50_000)
    {
        using var tiny = Image.Black(8, 8).Cast(Enums.BandFormat.Uchar);
        var png = tiny.PngsaveBuffer();

        // IHDR follows the 8-byte signature: length (4), type (4), width (4), height (4), …, then its CRC over type and data.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary><see cref="Photo"/> as a phone's HEIC, encoded by libheif's <c>heif-enc</c> (the bundled libvips cannot write HEVC).</summary>
    public static async Task<byte[]> HeicAsync()
    {
        var folder = Directory.CreateTempSubdirectory("strata-heic-");
        try
        {
            var png = Path.Combine(folder.FullName, "photo.png");
            var heic = Path.Combine(folder.FullName, "photo.heic");
            await File.WriteAllBytesAsync(png, Photo(".png"));
            using (var encode = System.Diagnostics.Process.Start("heif-enc", ["-q", "60", png, "-o", heic])!)
            {
                await encode.WaitForExitAsync();
                if (encode.ExitCode != 0)
                {
                    throw new InvalidOperationException($"heif-enc failed with {encode.ExitCode}.");
                }
            }

            return await File.ReadAllBytesAsync(heic);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The first half of a JPEG: a download cut short.</summary>
    public static byte[] TruncatedJpeg()
    {
        var jpeg = Photo(".jpg");
        return jpeg[..(jpeg.Length / 2)];
    }

    public static bool IsWebp(byte[] bytes) =>
        bytes.Length > 12 && bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) && bytes.AsSpan(8, 4).SequenceEqual("WEBP"u8);

    public static (int Width, int Height) SizeOf(byte[] picture)
    {
        using var image = Image.NewFromBuffer(picture);
        return (image.Width, image.Height);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
