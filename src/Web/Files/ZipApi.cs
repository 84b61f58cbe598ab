using Microsoft.AspNetCore.Mvc;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Web.Identity;

namespace Strata.Web.Files;

/// <summary>
/// <c>/api/v1/zip</c>: several files or folder trees as one zip, written straight into the response
/// (no temp file, no buffering of a whole file). Only what the caller may read goes in.
/// </summary>
public static class ZipApi
{
    /// <summary>A guard against absurd requests; a selection larger than this is better zipped as its folder.</summary>
    public const int MaxPaths = 1000;

    public static IEndpointRouteBuilder MapZipApi(this IEndpointRouteBuilder endpoints)
    {
        var zip = endpoints.MapGroup("/api/v1/zip").RequireAuthorization().WithTags("Files");
        zip.MapGet("/", GetAsync).WithName("DownloadZip").WithSummary("A folder as a streamed zip.");
        zip.MapPost("/", PostAsync).WithName("DownloadZipOfList").WithSummary("The listed files and folders as one streamed zip.");
        return endpoints;
    }

    public static Task<IResult> GetAsync([FromQuery(Name = "path")] string[]? paths, HttpContext http, FileService files, CancellationToken cancellationToken) =>
        ZipAsync(paths, http, files, cancellationToken);

    public static Task<IResult> PostAsync(ZipRequest request, HttpContext http, FileService files, CancellationToken cancellationToken) =>
        ZipAsync(request?.Paths, http, files, cancellationToken);

    private static async Task<IResult> ZipAsync(IReadOnlyList<string>? raw, HttpContext http, FileService files, CancellationToken cancellationToken)
    {
        if (raw is null || raw.Count == 0)
        {
            return FsProblems.BadRequest("Name at least one path to zip (?path=/Shared/a&path=/Shared/b).");
        }

        if (raw.Count > MaxPaths)
        {
            return FsProblems.BadRequest($"At most {MaxPaths} paths can be zipped at once; zip their folder instead.");
        }

        var parsed = new List<NodePath>();
        foreach (var text in raw)
        {
            if (!NodePath.TryParse(text, out var path, out var error) || path.IsRoot)
            {
                return FsProblems.BadRequest(error ?? "The root cannot be zipped; name a folder.");
            }

            parsed.Add(path);
        }

        var caller = http.User.ToCaller();
        var roots = await files.GetManyAsync(caller, Outermost(parsed), cancellationToken);
        if (roots.Count == 0)
        {
            return TypedResults.Problem(detail: "None of the paths exists.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return new ZipContentResult(files, caller, roots, ZipName(roots));
    }

    /// <summary>
    /// A zip of one item is named after it; of several, after the folder holding them (the deepest one holding all,
    /// should the API name items of different folders), so that downloads of different folders do not all land as the
    /// same name.
    /// </summary>
    private static string ZipName(IReadOnlyList<NodeInfo> roots)
    {
        if (roots.Count == 1)
        {
            return roots[0].Name + ".zip";
        }

        var holder = roots.Select(r => NodePath.Parse(r.Path).Parent).Aggregate(CommonFolder);
        return (holder.IsRoot ? "Strata" : holder.Name.Value) + ".zip";
    }

    private static NodePath CommonFolder(NodePath a, NodePath b)
    {
        while (!b.IsSameOrDescendantOf(a))
        {
            a = a.Parent;
        }

        return a;
    }

    /// <summary>The paths without duplicates or paths inside another one; which exist and are visible is the file service's business.</summary>
    private static List<NodePath> Outermost(List<NodePath> paths) => paths
        .DistinctBy(p => p.Key, StringComparer.Ordinal)
        .Where(p => !paths.Any(other => !other.Equals(p) && p.IsSameOrDescendantOf(other)))
        .ToList();
}

/// <summary>The body of <c>POST /api/v1/zip</c>, for selections too long for a query string.</summary>
public sealed record ZipRequest(IReadOnlyList<string>? Paths);
