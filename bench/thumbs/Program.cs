using System.Diagnostics;
using System.Globalization;
using NetVips;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;
using IsImage = SixLabors.ImageSharp.Image;
using IsSize = SixLabors.ImageSharp.Size;

// bench/thumbs: the thumbnail work of Strata's previews without Strata, for bench/previews.sh.
//   generate <dir> <count> <width> <height> <first>   varied JPEGs (photo-<n>.jpg), one thread per core
//   netvips <dir>      Strata's WebpSizes settings with NetVips, one thread per core; prints key=value lines
//   imagesharp <dir>   the same sizes with ImageSharp 2.1.13
// Thumbnails are encoded into memory and dropped; only their byte counts are kept.
var mode = args.Length > 0 ? args[0] : "";
return mode switch
{
    "generate" when args.Length == 6 => Generate(args[1], Int(args[2]), Int(args[3]), Int(args[4]), Int(args[5])),
    "netvips" when args.Length == 2 => Measure(mode, args[1], NetVipsThumbs.Render),
    "imagesharp" when args.Length == 2 => Measure(mode, args[1], ImageSharpThumbs.Render),
    _ => Usage(),
};

static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: thumbs generate <dir> <count> <width> <height> <first> | netvips <dir> | imagesharp <dir>");
    return 2;
}

static int Generate(string dir, int count, int width, int height, int first)
{
    Directory.CreateDirectory(dir);
    Cache.Max = 0;
    Parallel.For(first, first + count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
    {
        var random = new Random(i);

        // Smooth colour fields (three Perlin planes at 1/8 scale, blown up) with finer detail and sensor-like noise (each
        // made at half size, which keeps generating cheap) on top: every photo differs, compresses like a photo, and has regions the attention crop can pick between.
        using var r = Image.Perlin(width / 8, height / 8, cellSize: random.Next(8, 96), seed: i * 3);
        using var g = Image.Perlin(width / 8, height / 8, cellSize: random.Next(8, 96), seed: (i * 3) + 1);
        using var b = Image.Perlin(width / 8, height / 8, cellSize: random.Next(8, 96), seed: (i * 3) + 2);
        using var joined = r.Bandjoin(g, b);
        using var colour = joined.Linear([random.Next(40, 110), random.Next(40, 110), random.Next(40, 110)],
            [random.Next(80, 170), random.Next(80, 170), random.Next(80, 170)]);
        using var large = colour.Resize(8, kernel: Enums.Kernel.Linear);
        using var detail = Image.Perlin(width / 2, height / 2, cellSize: random.Next(4, 24), seed: i + 1_000_000);
        using var detailLarge = detail.Resize(2, kernel: Enums.Kernel.Nearest);
        using var noise = Image.Gaussnoise(width / 2, height / 2, sigma: random.Next(3, 9), mean: 0, seed: i);
        using var noiseLarge = noise.Resize(2, kernel: Enums.Kernel.Nearest);
        using var withDetail = large + (detailLarge * random.Next(8, 30)) + noiseLarge;
        using var photo = withDetail.Cast(Enums.BandFormat.Uchar);
        photo.Jpegsave(Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"photo-{i:D6}.jpg")), q: 90, keep: Enums.ForeignKeep.None);
    });
    return 0;
}

static int Measure(string mode, string dir, Func<string, long> render)
{
    var files = Directory.GetFiles(dir, "*.jpg").Order(StringComparer.Ordinal).ToArray();
    if (files.Length == 0)
    {
        Console.Error.WriteLine($"no *.jpg in {dir}");
        return 1;
    }

    // Code compiled and libvips loaded before the clock starts, as in a Strata that has rendered before.
    render(files[0]);
    var process = Process.GetCurrentProcess();
    long bytes = 0;
    var cpuBefore = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
        file => Interlocked.Add(ref bytes, render(file)));
    clock.Stop();
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
    var n = files.Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}.photos={n}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}.threads={Environment.ProcessorCount}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}.seconds={clock.Elapsed.TotalSeconds:0.00}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}.cpu_s={cpu:0.00}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}.cpu_s_per_photo={cpu / n:0.000}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}.thumb_bytes_per_photo={bytes / n}"));
    return 0;
}

/// <summary>What src/Infrastructure/Previews/WebpSizes.cs does for 64, 256 and 1024, with the same calls and options.</summary>
internal static class NetVipsThumbs
{
    private static readonly int[] Sizes = [1024, 256, 64];

    static NetVipsThumbs() => Cache.Max = 0;

    public static long Render(string path)
    {
        long bytes = 0;
        Image? previous = null;
        try
        {
            // Largest first, each size from the one before (1024 fit → 256 attention crop → 64 resize), as in Strata.
            foreach (var size in Sizes)
            {
                var square = size != 1024;
                using var picture = previous is not null && Math.Min(previous.Width, previous.Height) >= size
                    ? Derive(previous, size, crop: square && previous.Width != previous.Height)
                    : FromSource(path, size, square);
                bytes += picture.WebpsaveBuffer(q: 80, effort: 1, keep: Enums.ForeignKeep.None).Length;
                previous?.Dispose();
                previous = picture.Copy();
            }
        }
        finally
        {
            previous?.Dispose();
        }

        return bytes;
    }

    private static Image Derive(Image larger, int size, bool crop)
    {
        using var image = larger.ThumbnailImage(size, size, Enums.Size.Down, crop: crop ? Enums.Interesting.Attention : null);
        return image.CopyMemory();
    }

    private static Image FromSource(string path, int size, bool square)
    {
        using var source = File.OpenRead(path);
        using var image = Image.ThumbnailStream(
            source, size, "[fail_on=truncated]", height: size, size: Enums.Size.Down, crop: square ? Enums.Interesting.Attention : null);
        return image.CopyMemory();
    }
}

/// <summary>
/// The same three sizes with ImageSharp 2.1.13: the photo decoded in full (2.x has no shrink-on-load), fitted to 1024,
/// the squares cut from that fit around the centre (ImageSharp has no attention crop), WebP quality 80 at method 1 (as Strata), no metadata.
/// </summary>
internal static class ImageSharpThumbs
{
    private static readonly WebpEncoder Encoder = new() { Quality = 80, FileFormat = WebpFileFormatType.Lossy, Method = WebpEncodingMethod.Level1 };

    public static long Render(string path)
    {
        using var photo = IsImage.Load(path);
        photo.Mutate(x => x.AutoOrient().Resize(new ResizeOptions { Size = new IsSize(1024, 1024), Mode = ResizeMode.Max }));
        photo.Metadata.ExifProfile = null;
        photo.Metadata.IccProfile = null;
        photo.Metadata.XmpProfile = null;
        long bytes = Save(photo);
        foreach (var size in (int[])[256, 64])
        {
            using var square = photo.Clone(x => x.Resize(new ResizeOptions { Size = new IsSize(size, size), Mode = ResizeMode.Crop }));
            bytes += Save(square);
        }

        return bytes;
    }

    private static long Save(IsImage image)
    {
        using var buffer = new MemoryStream();
        image.Save(buffer, Encoder);
        return buffer.Length;
    }
}
