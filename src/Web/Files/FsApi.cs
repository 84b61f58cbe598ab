using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Tags;
using Strata.Web.Tags;
using Strata.Web.Identity;

namespace Strata.Web.Files;

/// <summary><c>/api/v1/fs/{path}</c>: metadata and listings, actions on a path, delete to trash.</summary>
public static class FsApi
{
    public static IEndpointRouteBuilder MapFsApi(this IEndpointRouteBuilder endpoints)
    {
        var fs = endpoints.MapGroup("/api/v1/fs").RequireAuthorization().WithTags("Files");
        fs.MapGet("/{**path}", GetAsync).WithName("GetFsItem");
        fs.MapPost("/{**path}", PostAsync).WithName("FsAction").WithSummary("Acts on a path: adds a folder, renames, moves, copies or restores a version.");
        fs.MapDelete("/{**path}", DeleteAsync).WithName("DeleteFsItem");
        return endpoints;
    }

    /// <summary>
    /// Metadata of a file, or of a folder with its children (unless <c>list_content=false</c>), each with the tags the
    /// caller sees and their star; <c>tag</c> lists only the children carrying that tag (the caller's personal one with
    /// <c>scope=personal</c>).
    /// </summary>
    public static async Task<Results<Ok<FsEntry>, ProblemHttpResult>> GetAsync(
        string? path,
        HttpContext http,
        FileService files,
        TagService tags,
        [FromQuery(Name = "list_content")] bool? listContent,
        [FromQuery] string? tag,
        [FromQuery] string? scope,
        CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var nodePath, out var problem))
        {
            return problem;
        }

        var caller = http.User.ToCaller();
        if (nodePath.IsRoot)
        {
            return TypedResults.Ok(RootEntry((await files.ListRootAsync(caller, cancellationToken)).ToAsyncEnumerable()));
        }

        var result = await files.GetAsync(caller, nodePath, cancellationToken);
        if (!result.Succeeded)
        {
            return FsProblems.From(result);
        }

        var node = result.Value;
        var listed = node.IsFolder && listContent != false;
        IAsyncEnumerable<NodeInfo>? children = listed ? files.ListChildrenAsync(caller, node.Id, nodePath, withFinderMetadata: false, cancellationToken) : null;
        IReadOnlyDictionary<long, ItemMarks> marks;
        if (listed && tag is not null)
        {
            if (!TagsApiScope.TryParse(scope, out var tagScope, out problem))
            {
                return problem;
            }

            var filter = await tags.FindAsync(caller, tag, tagScope, cancellationToken);
            if (!filter.Succeeded)
            {
                return FsProblems.From(filter);
            }

            var tagged = await tags.ListTaggedChildrenAsync(caller, node.Id, nodePath, filter.Value.Id, cancellationToken);
            children = tagged.ToAsyncEnumerable();

            // The marks of the few children shown, not of all the folder holds.
            marks = await tags.ForNodesAsync(caller, [node.Id, .. tagged.Select(c => c.Id)], cancellationToken);
        }
        else
        {
            // One query for the marks of the item and all its children, however many there are.
            marks = await tags.ForFolderAsync(caller, node.Id, cancellationToken);
        }

        http.Response.Headers.ETag = node.ETag;
        return TypedResults.Ok(FsEntry.From(node, children?.Select(c => FsChild.From(c, marks.GetValueOrDefault(c.Id, ItemMarks.None))), marks.GetValueOrDefault(node.Id, ItemMarks.None)));
    }

    public static async Task<Results<Ok<FsEntry>, Created<FsEntry>, ProblemHttpResult>> PostAsync(
        string? path, FsActionRequest request, HttpContext http, FileService files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!FsProblems.TryParsePath(path, out var nodePath, out var problem))
        {
            return problem;
        }

        var caller = http.User.ToCaller();
        Result<NodeInfo> result;
        switch (request.Action)
        {
            case "add_folder":
                result = await files.CreateFolderAsync(caller, nodePath, cancellationToken);
                break;
            case "move" or "copy":
                if (!FsProblems.TryParsePath(request.Destination, out var destination, out problem) || destination.Depth == 0)
                {
                    return problem ?? FsProblems.BadRequest("A destination path is required.");
                }

                result = request.Action == "move"
                    ? await files.MoveAsync(caller, nodePath, destination, cancellationToken)
                    : await files.CopyAsync(caller, nodePath, destination, cancellationToken);
                break;
            case "rename":
                if (nodePath.Depth == 0)
                {
                    return FsProblems.BadRequest("The root cannot be renamed.");
                }

                if (!nodePath.Parent.TryAppend(request.Name ?? string.Empty, out var renamed, out var error))
                {
                    return FsProblems.BadRequest(error);
                }

                result = await files.MoveAsync(caller, nodePath, renamed, cancellationToken);
                break;
            case "restore_version":
                if (request.Version is not { } version)
                {
                    return FsProblems.BadRequest("A version number is required.");
                }

                result = await files.RestoreVersionAsync(caller, nodePath, version, cancellationToken);
                break;
            default:
                return FsProblems.BadRequest($"Unknown action '{request.Action}'. Use add_folder, move, copy, rename or restore_version.");
        }

        if (!result.Succeeded)
        {
            return FsProblems.From(result);
        }

        var entry = FsEntry.From(result.Value);
        http.Response.Headers.ETag = entry.ETag;
        return result.Status == ResultStatus.Created
            ? TypedResults.Created(FsLocation(entry.Path), entry)
            : TypedResults.Ok(entry);
    }

    /// <summary>Moves the item to the trash; <c>If-Match</c> guards against deleting a changed file.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string? path, HttpContext http, FileService files, CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var nodePath, out var problem))
        {
            return problem;
        }

        var result = await files.TrashAsync(http.User.ToCaller(), nodePath, http.Request.GetWriteConditions(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : FsProblems.From(result);
    }

    internal static string FsLocation(string path) => "/api/v1/fs" + EncodePath(path);

    internal static string EncodePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static FsEntry RootEntry(IAsyncEnumerable<NodeInfo> children) =>
        new(0, string.Empty, "/", true, 0, null, null, 0, default, default, null, "\"root\"", children.Select(c => FsChild.From(c, ItemMarks.None)));
}
