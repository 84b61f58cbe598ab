using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Trash;

namespace Strata.Web.Dav;

/// <summary>
/// COPY and MOVE (§9.8, §9.9). Trees are copied or moved in one transaction by the file service, so
/// there are no partially failed members to report; 201 for a new destination, 204 for an overwritten one.
/// A refused request leaves the destination as it was: a file over a file becomes the destination's new
/// version in one step, and a trashed destination is restored when the copy or move after it fails.
/// </summary>
internal static class CopyMoveHandler
{
    public static async Task HandleAsync(DavContext context, bool move)
    {
        var destination = DavPaths.Destination(context.Request);
        var overwrite = Overwrite(context.Request);
        var source = await context.FindAsync(context.Path);
        if (source is null || context.Path.IsRoot)
        {
            await context.FailAsync(StatusCodes.Status404NotFound, $"'{context.Path}' does not exist.");
            return;
        }

        var depth = context.Depth(absent: int.MaxValue);
        if (depth == 1 || (move && source.IsFolder && depth != int.MaxValue))
        {
            await context.FailAsync(StatusCodes.Status400BadRequest, move ? "MOVE of a collection must have Depth: infinity." : "COPY takes Depth 0 or infinity.");
            return;
        }

        if (destination.IsRoot)
        {
            await context.FailAsync(StatusCodes.Status403Forbidden, "You may not write the root.");
            return;
        }

        if (DavAccess.IsHidden(context.Access, destination))
        {
            await context.FailHiddenWriteAsync(destination);
            return;
        }

        if (destination.Equals(context.Path) && destination.Value == context.Path.Value)
        {
            await context.FailAsync(StatusCodes.Status403Forbidden, "The source and the destination are the same.");
            return;
        }

        if (context.Path.IsSameOrDescendantOf(destination) && !destination.Equals(context.Path))
        {
            await context.FailAsync(StatusCodes.Status409Conflict, "The destination contains the source.");
            return;
        }

        var targets = move
            ? new[] { (context.Path, source.IsFolder), (destination, true) }
            : [(destination, true)];
        if (!await DavConditions.CheckAsync(context, targets))
        {
            return;
        }

        // A case-only rename finds the source itself at the destination: that is not an overwrite.
        var existing = destination.Equals(context.Path) ? null : await context.FindAsync(destination);
        NodeInfo? replaced = null;
        if (existing is not null)
        {
            if (!overwrite)
            {
                await context.FailAsync(StatusCodes.Status412PreconditionFailed, $"'{destination}' exists and Overwrite is F.");
                return;
            }

            if (!source.IsFolder && !existing.IsFolder)
            {
                await ReplaceFileAsync(context, source, destination, move);
                return;
            }

            var trashed = await context.Files.TrashAsync(context.Caller, destination, WriteConditions.None, context.Aborted);
            if (!trashed.Succeeded)
            {
                await context.FailAsync(trashed);
                return;
            }

            replaced = trashed.Value;
        }

        Result<NodeInfo>? result = null;
        try
        {
            result = move
                ? await context.Files.MoveAsync(context.Caller, context.Path, destination, context.Aborted)
                : await CopyAsync(context, destination, shallow: source.IsFolder && depth == 0);
        }
        finally
        {
            if (replaced is not null && result is not { Succeeded: true })
            {
                // Refused, failed or abandoned by the client: not the request's token, so the destination always comes back.
                await context.Http.RequestServices.GetRequiredService<TrashService>().RestoreAsync(context.Caller, replaced.Id, CancellationToken.None);
            }
        }

        if (!result.Succeeded)
        {
            await context.FailWriteAsync(result);
            return;
        }

        await ContentHandlers.ApplyClientMtimeAsync(context, destination);
        context.Response.StatusCode = existing is null ? StatusCodes.Status201Created : StatusCodes.Status204NoContent;
    }

    /// <summary>
    /// A file copied or moved over a file: its content becomes the destination's new version, as a PUT's would, so
    /// an editor that saves by writing a temporary file and moving it over the document keeps the document's
    /// history. The source's dead properties go along; a moved source goes to the trash afterwards.
    /// </summary>
    private static async Task ReplaceFileAsync(DavContext context, NodeInfo source, NodePath destination, bool move)
    {
        var replaced = await context.Files.ReplaceContentAsync(context.Caller, context.Path, destination, removeSource: move, context.Aborted);
        if (!replaced.Succeeded)
        {
            await context.FailWriteAsync(replaced);
            return;
        }

        await context.Properties.CopyNodeAsync(source.Id, replaced.Value.Id, context.Aborted);
        await ContentHandlers.ApplyClientMtimeAsync(context, destination);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Depth 0 copies a collection without its members (§9.8.3); dead properties are copied along.</summary>
    private static async Task<Result<NodeInfo>> CopyAsync(DavContext context, NodePath destination, bool shallow)
    {
        var copied = shallow
            ? await context.Files.CreateFolderAsync(context.Caller, destination, context.Aborted)
            : await context.Files.CopyAsync(context.Caller, context.Path, destination, context.Aborted);
        if (copied.Succeeded)
        {
            await context.Properties.CopyTreeAsync(context.Path, destination, context.Aborted);
        }

        return copied;
    }

    private static bool Overwrite(HttpRequest request) => request.Headers["Overwrite"].ToString().Trim() switch
    {
        "" or "T" or "t" => true,
        "F" or "f" => false,
        _ => throw new DavException(StatusCodes.Status400BadRequest, "Overwrite must be T or F."),
    };
}
