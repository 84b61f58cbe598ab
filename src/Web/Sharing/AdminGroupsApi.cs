using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Infrastructure;
using Strata.Infrastructure.Sharing;
using Strata.Web.Files;
using Strata.Web.Identity;

namespace Strata.Web.Sharing;

/// <summary><c>/api/v1/admin/groups</c>: groups and their members.</summary>
public static class AdminGroupsApi
{
    public static IEndpointRouteBuilder MapAdminGroupsApi(this IEndpointRouteBuilder endpoints)
    {
        var groups = endpoints.MapGroup("/api/v1/admin/groups").RequireAuthorization(IdentityRegistration.AdminPolicy).WithTags("Administration");
        groups.MapGet("/", async (GroupService service, CancellationToken cancellationToken) => TypedResults.Ok(await service.ListAsync(cancellationToken)))
            .WithName("ListGroups").WithSummary("Every group.");
        groups.MapGet("/{id:long}", async (long id, GroupService service, CancellationToken cancellationToken) => Map(await service.GetAsync(id, cancellationToken)))
            .WithName("GetGroup").WithSummary("A group with its members.");
        groups.MapPost("/", async (GroupRequest request, GroupService service, CancellationToken cancellationToken) => Map(await service.CreateAsync(request.Name, cancellationToken)))
            .WithName("CreateGroup").WithSummary("Creates an empty group.");
        groups.MapPut("/{id:long}", async (long id, GroupRequest request, GroupService service, CancellationToken cancellationToken) => Map(await service.RenameAsync(id, request.Name, cancellationToken)))
            .WithName("RenameGroup").WithSummary("Renames a group.");
        groups.MapDelete("/{id:long}", async (long id, GroupService service, CancellationToken cancellationToken) => Map(await service.DeleteAsync(id, cancellationToken)))
            .WithName("DeleteGroup").WithSummary("Deletes the group with its memberships and every grant made to it.");
        groups.MapPut("/{id:long}/members/{userId}", async (long id, string userId, GroupService service, CancellationToken cancellationToken) => Map(await service.AddMemberAsync(id, userId, cancellationToken)))
            .WithName("AddGroupMember").WithSummary("Adds a user to the group.");
        groups.MapDelete("/{id:long}/members/{userId}", async (long id, string userId, GroupService service, CancellationToken cancellationToken) => Map(await service.RemoveMemberAsync(id, userId, cancellationToken)))
            .WithName("RemoveGroupMember").WithSummary("Removes a user from the group.");
        return endpoints;
    }

    private static Results<Ok<GroupInfo>, Created<GroupInfo>, ProblemHttpResult> Map(Result<GroupInfo> result) => result.Status switch
    {
        ResultStatus.Ok => TypedResults.Ok(result.Value),
        ResultStatus.Created => TypedResults.Created($"/api/v1/admin/groups/{result.Value!.Id}", result.Value),
        _ => FsProblems.From(result),
    };
}

public sealed record GroupRequest(string? Name);
