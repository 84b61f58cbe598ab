using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Strata.Domain.Access;
using Strata.Infrastructure;
using Strata.Infrastructure.Sharing;
using Strata.Web.Files;
using Strata.Web.Identity;

namespace Strata.Web.Sharing;

/// <summary>
/// <c>/api/v1/permissions/{path}</c>: the grants of a folder, for its Owners and administrators (and each
/// user for their own private space); <c>/api/v1/shared-with-me</c>: folders granted to the caller.
/// </summary>
public static class PermissionsApi
{
    public static IEndpointRouteBuilder MapPermissionsApi(this IEndpointRouteBuilder endpoints)
    {
        var permissions = endpoints.MapGroup("/api/v1/permissions").RequireAuthorization().WithTags("Sharing");
        permissions.MapGet("/{**path}", ListAsync).WithName("ListPermissions").WithSummary("The folder's grants, its own and inherited.");
        permissions.MapPut("/{**path}", SetAsync).WithName("SetPermission").WithSummary("Grants a user or group a level on the folder (None = explicit no access).");
        permissions.MapDelete("/{**path}", RemoveAsync).WithName("RemovePermission").WithSummary("Removes a user's or group's own grant on the folder.");
        endpoints.MapGet("/api/v1/shared-with-me", async (HttpContext http, PermissionService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.SharedWithMeAsync(http.User.ToCaller(), cancellationToken)))
            .RequireAuthorization().WithTags("Sharing").WithName("SharedWithMe")
            .WithSummary("The folders others have granted the caller access to.");
        return endpoints;
    }

    public static async Task<Results<Ok<IReadOnlyList<GrantView>>, ProblemHttpResult>> ListAsync(
        string? path, HttpContext http, PermissionService service, CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var folder, out var problem))
        {
            return problem;
        }

        var result = await service.ListAsync(http.User.ToCaller(), folder, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<GrantView>, Created<GrantView>, ProblemHttpResult>> SetAsync(
        string? path, GrantRequest request, HttpContext http, PermissionService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!FsProblems.TryParsePath(path, out var folder, out var problem))
        {
            return problem;
        }

        if (ParsePrincipal(request.User, request.Group) is not { } principal)
        {
            return FsProblems.BadRequest("Name exactly one of user or group.");
        }

        if (!Enum.TryParse<AccessLevel>(request.Level, ignoreCase: true, out var level) || !Enum.IsDefined(level) || int.TryParse(request.Level, out _))
        {
            return FsProblems.BadRequest("level is one of None, Viewer, Editor, Full, Owner.");
        }

        var result = await service.SetAsync(http.User.ToCaller(), folder, principal, level, cancellationToken);
        return result.Status switch
        {
            ResultStatus.Ok => TypedResults.Ok(result.Value),
            ResultStatus.Created => TypedResults.Created("/api/v1/permissions" + FsApi.EncodePath(folder.Value), result.Value),
            _ => FsProblems.From(result),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string? path, [FromQuery] string? user, [FromQuery] string? group, HttpContext http, PermissionService service, CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var folder, out var problem))
        {
            return problem;
        }

        if (ParsePrincipal(user, group) is not { } principal)
        {
            return FsProblems.BadRequest("Name exactly one of user or group.");
        }

        var result = await service.RemoveAsync(http.User.ToCaller(), folder, principal, cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : FsProblems.From(result);
    }

    private static PrincipalName? ParsePrincipal(string? user, string? group) => (string.IsNullOrWhiteSpace(user), string.IsNullOrWhiteSpace(group)) switch
    {
        (false, true) => new PrincipalName(PrincipalKind.User, user!.Trim()),
        (true, false) => new PrincipalName(PrincipalKind.Group, group!.Trim()),
        _ => null,
    };
}

/// <summary>A grant to set: exactly one of <c>user</c> (user name) or <c>group</c> (group name), and the level.</summary>
public sealed record GrantRequest(string? User, string? Group, string? Level);
