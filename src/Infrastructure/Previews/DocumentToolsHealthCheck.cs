using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// Degraded, naming what is missing, when the programs document previews run (poppler's <c>pdfinfo</c> and
/// <c>pdftoppm</c>, LibreOffice's <c>soffice</c>) are not on the PATH: the host serves everything else, and files of
/// those types get a recorded failure instead of a preview (docs/decisions/0016).
/// </summary>
internal sealed class DocumentToolsHealthCheck : IHealthCheck
{
    public static IReadOnlyList<string> Tools { get; } = ["pdfinfo", "pdftoppm", "soffice"];

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = Missing(Environment.GetEnvironmentVariable("PATH"));
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"Not on the PATH: {string.Join(", ", missing)}; documents of their types get no preview."));
    }

    /// <summary>The <see cref="Tools"/> found in none of the folders of <paramref name="path"/>.</summary>
    internal static List<string> Missing(string? path)
    {
        var folders = (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return Tools.Where(tool => !folders.Any(folder => File.Exists(Path.Combine(folder, tool)))).ToList();
    }
}
