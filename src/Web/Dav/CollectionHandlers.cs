using Strata.Web.Files;

namespace Strata.Web.Dav;

/// <summary>MKCOL and DELETE.</summary>
internal static class CollectionHandlers
{
    /// <summary>MKCOL (§9.3): 201; 405 when something exists there, 409 without a parent, 415 with a body.</summary>
    public static async Task MkcolAsync(DavContext context)
    {
        if (DavXml.HasBody(context.Request))
        {
            await context.FailAsync(StatusCodes.Status415UnsupportedMediaType, "MKCOL with a body is not supported.");
            return;
        }

        if (await context.FindAsync(context.Path) is not null)
        {
            await context.FailAsync(StatusCodes.Status405MethodNotAllowed, $"'{context.Path}' already exists.");
            return;
        }

        if (!await DavConditions.CheckAsync(context, (context.Path, false)))
        {
            return;
        }

        var created = await context.Files.CreateFolderAsync(context.Caller, context.Path, context.Aborted);
        if (!created.Succeeded)
        {
            await context.FailWriteAsync(created);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
    }

    /// <summary>DELETE (§9.6): to the trash, whole trees at once (so no partial 207); Depth must be infinity.</summary>
    public static async Task DeleteAsync(DavContext context)
    {
        var node = await context.FindAsync(context.Path);
        if (node is null)
        {
            await context.FailAsync(StatusCodes.Status404NotFound, $"'{context.Path}' does not exist.");
            return;
        }

        if (node.IsFolder && context.Depth(absent: int.MaxValue) != int.MaxValue)
        {
            await context.FailAsync(StatusCodes.Status400BadRequest, "DELETE of a collection must have Depth: infinity.");
            return;
        }

        if (!await DavConditions.CheckAsync(context, (context.Path, node.IsFolder)))
        {
            return;
        }

        var trashed = await context.Files.TrashAsync(context.Caller, context.Path, context.Request.GetWriteConditions(), context.Aborted);
        if (!trashed.Succeeded)
        {
            await context.FailAsync(trashed);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
