using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
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

        // Uploads are streamed to the blob store, so the body size is bounded by disk, not memory.
        // Downloads: a larger response buffer lets big files flow with fewer stalls on backpressure.
        builder.Services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = null;
            o.Limits.MaxResponseBufferSize = 1024 * 1024;
        });
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = long.MaxValue);
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
}
