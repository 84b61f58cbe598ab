using System.Diagnostics;
using System.Globalization;

namespace Strata.Infrastructure.Tests.Files;

/// <summary>How many bytes of a file the page cache holds, as util-linux's <c>fincore</c> counts them.</summary>
internal static class PageCacheResidency
{
    public static async Task<long> OfAsync(string path, CancellationToken cancellationToken)
    {
        using var fincore = Process.Start(new ProcessStartInfo("fincore", ["--bytes", "--noheadings", "--output", "RES", path])
        {
            RedirectStandardOutput = true,
        })!;
        var output = await fincore.StandardOutput.ReadToEndAsync(cancellationToken);
        await fincore.WaitForExitAsync(cancellationToken);
        fincore.ExitCode.ShouldBe(0, $"fincore {path}");
        return long.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}
