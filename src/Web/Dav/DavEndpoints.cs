using Strata.Infrastructure.Files;
using Strata.Infrastructure.Flags;
using Strata.Web.Flags;
using Strata.Web.Hosting;

namespace Strata.Web.Dav;

/// <summary>
/// <c>/dav/</c>: WebDAV class 1 and 2 over the same file service, access rules and locks as every other
/// front door. One catch-all route per method set; <see cref="HandleAsync"/> dispatches to the handlers.
/// </summary>
public static class DavEndpoints
{
    /// <summary>Basic and Bearer only: the browser's cookie is not accepted, so cross-site requests cannot ride on it.</summary>
    public const string Policy = "WebDav";

    private static readonly string[] Methods =
        ["OPTIONS", "GET", "HEAD", "PUT", "DELETE", "MKCOL", "COPY", "MOVE", "PROPFIND", "PROPPATCH", "LOCK", "UNLOCK"];

    private static readonly string Allow = string.Join(", ", Methods);

    public static IEndpointRouteBuilder MapDav(this IEndpointRouteBuilder endpoints)
    {
        // Windows probes OPTIONS on the host root, unauthenticated, before anything else (docs/decisions/0007). An
        // anonymous probe is in no flag audience, and a failed one makes Windows and Finder give up on the mount: the
        // probes are open while WebDAV is on for anyone, and the methods that follow a sign-in judge the caller.
        endpoints.MapMethods("/", [HttpMethods.Options], Options).AllowAnonymous().RequireFeatureForAnyAudience(FlagNames.WebDav).ExcludeFromDescription();
        var dav = endpoints.MapGroup(DavPaths.Prefix).ExcludeFromDescription();
        dav.MapMethods("/{**path}", [HttpMethods.Options], Options).AllowAnonymous().RequireFeatureForAnyAudience(FlagNames.WebDav);
        dav.MapMethods("/{**path}", Methods[1..], HandleAsync).RequireAuthorization(Policy).RequireFeature(FlagNames.WebDav).AcceptsBodiesOfAnySize();
        return endpoints;
    }

    private static Task Options(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers["DAV"] = "1, 2";
        headers["MS-Author-Via"] = "DAV";
        headers.Allow = Allow;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private static async Task HandleAsync(HttpContext http)
    {
        try
        {
            var context = await DavContext.CreateAsync(http);
            if (DavAccess.IsHidden(context.Access, context.Path))
            {
                await (http.Request.Method is "PUT" or "MKCOL" or "LOCK"
                    ? context.FailHiddenWriteAsync(context.Path)
                    : context.FailAsync(StatusCodes.Status404NotFound, $"'{context.Path}' does not exist."));
                return;
            }

            await (http.Request.Method switch
            {
                "GET" or "HEAD" => ContentHandlers.GetAsync(context),
                "PUT" => ContentHandlers.PutAsync(context),
                "DELETE" => CollectionHandlers.DeleteAsync(context),
                "MKCOL" => CollectionHandlers.MkcolAsync(context),
                "COPY" => CopyMoveHandler.HandleAsync(context, move: false),
                "MOVE" => CopyMoveHandler.HandleAsync(context, move: true),
                "PROPFIND" => PropfindHandler.HandleAsync(context, http.RequestServices.GetRequiredService<IBlobStore>()),
                "PROPPATCH" => ProppatchHandler.HandleAsync(context),
                "LOCK" => LockHandler.LockAsync(context),
                "UNLOCK" => LockHandler.UnlockAsync(context),
                _ => DavResponses.WriteErrorAsync(http.Response, StatusCodes.Status405MethodNotAllowed, "Method not allowed."),
            });
        }
        catch (DavException e) when (!http.Response.HasStarted)
        {
            await DavResponses.WriteErrorAsync(http.Response, e.Status, e.Message, e.Condition);
        }
    }
}
