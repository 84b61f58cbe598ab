using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Strata.Infrastructure.Files;

/// <summary>
/// Gives back the page cache that a large upload's bytes hold once they are on disk. Nobody reads a multi-GB
/// upload again soon, and left in the cache it pushes out what is read (the database, the search index,
/// thumbnails). On a virtual machine it also makes uploads dear: each page the guest has not touched before costs
/// the kernel's copy into the cache several times over, while pages given back are reused at once
/// (bench/README.md: 1 GiB written with an fsync every 64 MiB, 1.1–2.9 s of kernel CPU kept, 0.4 s released).
/// Elsewhere than Linux it does nothing.
/// </summary>
internal static partial class PageCache
{
    private const int DontNeed = 4;

    /// <summary>
    /// fsync of <paramref name="file"/>, then drops its first <paramref name="written"/> bytes from the cache: the
    /// caller has finished writing those (bytes written meanwhile may still be dirty, and are left where they are).
    /// </summary>
    public static void FlushThenRelease(SafeFileHandle file, long written)
    {
        RandomAccess.FlushToDisk(file);

        // Advice only: a page still dirty is written back rather than dropped, so nothing can be lost by it.
        if (OperatingSystem.IsLinux())
        {
            _ = Fadvise(file, 0, written, DontNeed);
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int Fadvise(SafeFileHandle file, long offset, long length, int advice);
}
