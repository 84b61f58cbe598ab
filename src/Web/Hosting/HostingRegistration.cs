using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Hosting;

namespace Strata.Web.Hosting;

public static class HostingRegistration
{
    public static IHostApplicationBuilder AddStrataHosting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<StrataOptions>(StrataOptions.Section);

        // Most deployments sit behind a TLS proxy (Windows sends Basic only over HTTPS): the client's address (which
        // the sign-in and link throttles count by), the scheme (Secure cookies) and the host (WebDAV's Destination
        // check) then come from the proxy's X-Forwarded-* headers, believed only from the proxies it names.
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<StrataOptions>>((forwarded, strata) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in strata.Value.TrustedProxies)
            {
                if (ProxyAddressesAttribute.TryParse(proxy, out var address, out var network) && address is not null)
                {
                    forwarded.KnownProxies.Add(address);
                }
                else if (network is { } range)
                {
                    forwarded.KnownIPNetworks.Add(range);
                }
            }
        });
        builder.Services.AddHostedService<StartupBanner>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddOpenApi("v1");

        // Request bodies keep Kestrel's 30 MB limit except where an endpoint streams them to the blob store
        // (AcceptsBodiesOfAnySize). Downloads: a larger response buffer lets big files flow with fewer stalls.
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxResponseBufferSize = 1024 * 1024);
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<BlobFolderHealthCheck>("blobs", tags: ["ready"]);
        return builder;
    }

    public static WebApplication UseStrataHosting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseEncodedSeparatorCheck();
        app.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true);
        app.Use(static (context, next) =>
        {
            // Only a browser's page gets the app's page; the rest falls through to the problem details above.
            if (!IsPageRequest(context) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(context);
        });
        app.Use(static (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }

    /// <summary>
    /// A browser asking for a page: it gets the app's own 404 or 403 page. Programs (the API, WebDAV, the hubs) and
    /// requests that do not ask for HTML keep problem details.
    /// </summary>
    private static bool IsPageRequest(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !Identity.IdentityRegistration.IsApiPath(context.Request.Path)
        && !context.Request.Path.StartsWithSegments("/dav", StringComparison.OrdinalIgnoreCase)
        && context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Lifts Kestrel's request body limit for an endpoint that streams its body to the blob store, where the size
    /// is bounded by the disk and the caller's quota, not by memory. Every other endpoint keeps the 30 MB limit.
    /// </summary>
    public static TBuilder AcceptsBodiesOfAnySize<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AnyBodySize.Instance);

    private sealed class AnyBodySize : IRequestSizeLimitMetadata
    {
        public static readonly AnyBodySize Instance = new();

        public long? MaxRequestBodySize => null;
    }
}
