using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Strata.Infrastructure.Hosting;

namespace Strata.Web.Hosting;

public static class HostingRegistration
{
    public static IHostApplicationBuilder AddStrataHosting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StrataOptions>().BindConfiguration(StrataOptions.Section).ValidateOnStart();
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
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(static (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }

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
