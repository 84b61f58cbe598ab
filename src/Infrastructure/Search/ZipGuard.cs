using System.Globalization;
using System.IO.Compression;

namespace Strata.Infrastructure.Search;

/// <summary>
/// Looks at a zipped document (Office Open XML, OpenDocument) before any parser inflates it, from its central
/// directory alone: too many entries, an entry or a whole larger than a document ever is, or an entry that inflates
/// far more than XML does are zip bombs, refused with the reason. The sizes checked are the declared ones; .NET
/// inflates no entry past what it declares, and <see cref="ReadCapStream"/> caps what is read of an entry whatever it
/// declares.
/// </summary>
public static class ZipGuard
{
    /// <summary>
    /// Refuses <paramref name="source"/> (seekable, at its start) if its entries exceed <paramref name="limits"/>, and
    /// leaves it at its start for the parser.
    /// </summary>
    /// <exception cref="ExtractionRefusedException">The zip exceeds a limit; the message names which.</exception>
    /// <exception cref="InvalidDataException">The content is not a zip.</exception>
    public static void Check(Stream source, ZipLimits limits)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        using (var zip = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true))
        {
            var entries = zip.Entries;
            if (entries.Count > limits.MaxEntries)
            {
                throw Refuse($"it holds {entries.Count:N0} files, more than the {limits.MaxEntries:N0} a document has");
            }

            long total = 0;
            foreach (var entry in entries)
            {
                if (entry.Length > limits.MaxEntryBytes)
                {
                    throw Refuse($"{entry.FullName} inflates to {Describe(entry.Length)}, more than {Describe(limits.MaxEntryBytes)}");
                }

                if (entry.Length > limits.RatioFloorBytes && entry.Length > entry.CompressedLength * limits.MaxRatio)
                {
                    var ratio = entry.Length / Math.Max(1, entry.CompressedLength);
                    throw Refuse($"{entry.FullName} inflates {ratio:N0} times, more than the {limits.MaxRatio:N0} a document does");
                }

                total += entry.Length;
                if (total > limits.MaxTotalBytes)
                {
                    throw Refuse($"its files inflate to more than {Describe(limits.MaxTotalBytes)}");
                }
            }
        }

        source.Position = 0;
    }

    private static ExtractionRefusedException Refuse(FormattableString why) => new($"Not read: {why.ToString(CultureInfo.InvariantCulture)} (a zip bomb?).");

    /// <summary>A size as an administrator reads it, in whole megabytes or, below one, kilobytes.</summary>
    internal static string Describe(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):N0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:N0} KB");
}

/// <summary>What a zipped document may hold before <see cref="ZipGuard"/> refuses it.</summary>
/// <param name="MaxEntries">Files in the zip; a document has tens, a large one a few thousand.</param>
/// <param name="MaxEntryBytes">Inflated size of one file, declared and read (see <see cref="ReadCapStream"/>).</param>
/// <param name="MaxTotalBytes">Inflated size of all files together, declared.</param>
/// <param name="MaxRatio">How many times a file may inflate; XML inflates ten to twenty times, bombs a thousand.</param>
/// <param name="RatioFloorBytes">Files up to this size are not judged by ratio: a small run of blanks inflates far, harmlessly.</param>
public sealed record ZipLimits(int MaxEntries, long MaxEntryBytes, long MaxTotalBytes, int MaxRatio, long RatioFloorBytes)
{
    /// <summary>Far beyond any real document, far below what hurts a server.</summary>
    public static ZipLimits Documents { get; } = new(
        MaxEntries: 10_000, MaxEntryBytes: 256L * 1024 * 1024, MaxTotalBytes: 1024L * 1024 * 1024, MaxRatio: 100, RatioFloorBytes: 1024 * 1024);
}
