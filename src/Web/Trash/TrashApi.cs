using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Infrastructure.Trash;
using Strata.Web.Files;
using Strata.Web.Identity;

namespace Strata.Web.Trash;

/// <summary><c>/api/v1/trash</c>: what was deleted, restore and purge.</summary>
public static class TrashApi
{
    public static IEndpointRouteBuilder MapTrashApi(this IEndpointRouteBuilder endpoints)
    {
        var trash = endpoints.MapGroup("/api/v1/trash").RequireAuthorization().WithTags("Trash");
        trash.MapGet("/", List).WithName("ListTrash").WithSummary("The caller's deleted items, still restorable.");
        trash.MapPost("/{id:long}/restore", RestoreAsync).WithName("RestoreTrashItem");
        trash.MapDelete("/{id:long}", PurgeAsync).WithName("PurgeTrashItem").WithSummary("Deletes an item of the trash for good.");
        trash.MapDelete("/", EmptyAsync).WithName("EmptyTrash");
        return endpoints;
    }

    public static Ok<IAsyncEnumerable<TrashItem>> List(HttpContext http, TrashService trash, CancellationToken cancellationToken) =>
        TypedResults.Ok(trash.ListTrashAsync(http.User.ToCaller(), cancellationToken));

    /// <summary>Restores to the original place, recreating missing folders; a name clash yields "name (restored)".</summary>
    public static async Task<Results<Ok<FsEntry>, ProblemHttpResult>> RestoreAsync(long id, HttpContext http, TrashService trash, CancellationToken cancellationToken)
    {
        var result = await trash.RestoreAsync(http.User.ToCaller(), id, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(FsEntry.From(result.Value)) : FsProblems.From(result);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> PurgeAsync(long id, HttpContext http, TrashService trash, CancellationToken cancellationToken)
    {
        var result = await trash.PurgeAsync(http.User.ToCaller(), id, cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : FsProblems.From(result);
    }

    /// <summary>Purges every item of the caller's trash they may purge; the rest stays.</summary>
    public static async Task<Ok<EmptyTrashResult>> EmptyAsync(HttpContext http, TrashService trash, CancellationToken cancellationToken) =>
        TypedResults.Ok(await trash.EmptyAsync(http.User.ToCaller(), cancellationToken));
}
