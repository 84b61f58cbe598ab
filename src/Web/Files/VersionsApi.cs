using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Web.Identity;

namespace Strata.Web.Files;

/// <summary>
/// <c>/api/v1/versions/{path}</c>: a file's history, newest first. Old versions download from
/// <c>/api/v1/fs-content/{path}?version=N</c> and are restored with the <c>restore_version</c> action.
/// </summary>
public static class VersionsApi
{
    public static IEndpointRouteBuilder MapVersionsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/versions/{**path}", ListAsync).RequireAuthorization().WithTags("Files").WithName("ListVersions")
            .WithSummary("The earlier versions of a file.");
        return endpoints;
    }

    public static async Task<Results<Ok<IReadOnlyList<VersionInfo>>, ProblemHttpResult>> ListAsync(string? path, HttpContext http, FileService files, CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var nodePath, out var problem))
        {
            return problem;
        }

        var result = await files.ListVersionsAsync(http.User.ToCaller(), nodePath, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }
}
