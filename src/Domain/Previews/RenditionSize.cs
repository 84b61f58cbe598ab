namespace Strata.Domain.Previews;

/// <summary>The sizes a thumbnail is made in, in pixels: the small ones are square crops, the large ones fit inside.</summary>
public static class RenditionSize
{
    public const int Icon = 64;
    public const int Grid = 256;
    public const int Preview = 1024;
    public const int Full = 2048;

    /// <summary>The height a web-playable video copy is made at most (its rendition's size).</summary>
    public const int Video = 720;

    /// <summary>Made for every new content as soon as it is committed.</summary>
    public static IReadOnlyList<int> Standard { get; } = [Icon, Grid, Preview];

    /// <summary>Every size a client may ask for; <see cref="Full"/> is made only when someone asks.</summary>
    public static IReadOnlyList<int> All { get; } = [Icon, Grid, Preview, Full];

    public static bool IsValid(int size) => All.Contains(size);

    /// <summary>Grid and list rows show squares, so the small sizes are cropped to fill; larger ones keep the whole picture.</summary>
    public static bool IsSquare(int size) => size <= Grid;
}
