using System.Diagnostics;
using System.Globalization;

namespace Strata.Infrastructure.Hosting;

/// <summary>
/// Fault injection for crash-safety tests: <c>STRATA_CRASH_AT=pack.synced</c> (or <c>pack.synced#3</c>, the third time)
/// kills the process the moment that point is reached, as a power cut or <c>kill -9</c> would, without unwinding.
/// Unset, a point costs one null check.
/// </summary>
internal static class CrashPoints
{
    private static readonly (string Point, int Hit)? Target = Parse(Environment.GetEnvironmentVariable("STRATA_CRASH_AT"));
    private static int _hits;

    public static void Reach(string point)
    {
        if (Target is { } target && string.Equals(target.Point, point, StringComparison.Ordinal) && Interlocked.Increment(ref _hits) == target.Hit)
        {
            Process.GetCurrentProcess().Kill();
        }
    }

    private static (string, int)? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var hash = value.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (value, 1) : (value[..hash], int.Parse(value[(hash + 1)..], CultureInfo.InvariantCulture));
    }
}
