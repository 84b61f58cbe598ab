using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Domain.Files;
using Strata.Infrastructure;

namespace Strata.Web.Files;

/// <summary>Maps file-system outcomes and bad paths to RFC 9457 problem details.</summary>
internal static class FsProblems
{
    public static ProblemHttpResult From<T>(Result<T> result) => TypedResults.Problem(
        detail: result.Detail,
        statusCode: StatusCode(result.Status),
        title: result.Status switch
        {
            ResultStatus.NotFound => "Not found",
            ResultStatus.Forbidden => "Forbidden",
            ResultStatus.Conflict => "Conflict",
            ResultStatus.PreconditionFailed => "Precondition failed",
            ResultStatus.Locked => "Locked",
            _ => "Bad request",
        });

    /// <summary>The HTTP status of a failed file-system outcome, for every front door (REST problem details, WebDAV errors).</summary>
    public static int StatusCode(ResultStatus status) => status switch
    {
        ResultStatus.NotFound => StatusCodes.Status404NotFound,
        ResultStatus.Forbidden => StatusCodes.Status403Forbidden,
        ResultStatus.Conflict => StatusCodes.Status409Conflict,
        ResultStatus.Invalid => StatusCodes.Status400BadRequest,
        ResultStatus.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ResultStatus.Locked => StatusCodes.Status423Locked,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a failure."),
    };

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    /// <summary>Parses a route's catch-all path; on failure <paramref name="problem"/> says why.</summary>
    public static bool TryParsePath(string? raw, out NodePath path, out ProblemHttpResult problem)
    {
        if (NodePath.TryParse(raw, out var parsed, out var error))
        {
            path = parsed;
            problem = null!;
            return true;
        }

        path = NodePath.Root;
        problem = BadRequest(error);
        return false;
    }
}
