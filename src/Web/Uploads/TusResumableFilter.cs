namespace Strata.Web.Uploads;

/// <summary>Stamps <c>Tus-Resumable</c> on every tus response and refuses requests for another protocol version (412).</summary>
internal sealed class TusResumableFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        http.Response.Headers[TusHeaders.Resumable] = TusHeaders.Version;

        // OPTIONS is how a client discovers the version, so it is the one request that need not name one.
        if (!HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers[TusHeaders.Resumable] != TusHeaders.Version)
        {
            http.Response.Headers[TusHeaders.SupportedVersions] = TusHeaders.Version;
            return TypedResults.Problem(
                detail: $"This server speaks tus {TusHeaders.Version}; send 'Tus-Resumable: {TusHeaders.Version}'.",
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: "Unsupported tus version");
        }

        return await next(context);
    }
}
