using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Previews;

public static class PreviewsRegistration
{
    /// <summary>Renditions and their renderers; call after <c>AddFiles</c>. The jobs that render are the Workers' own.</summary>
    public static IHostApplicationBuilder AddPreviews(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<PreviewOptions>(PreviewOptions.Section);
        builder.Services.AddSingleton<IRenderer, ImageRenderer>();
        builder.Services.AddSingleton<IRenderer, HeicRenderer>();
        builder.Services.AddSingleton<IRenderer, VideoRenderer>();
        builder.Services.AddSingleton<PdfRenderer>();
        builder.Services.AddSingleton<IRenderer>(services => services.GetRequiredService<PdfRenderer>());
        builder.Services.AddSingleton<IRenderer, TextRenderer>();
        builder.Services.AddSingleton<IRenderer, OfficeRenderer>();
        builder.Services.AddSingleton<RenditionService>();
        builder.Services.AddHealthChecks()
            .AddCheck<DocumentToolsHealthCheck>("document-tools", HealthStatus.Degraded, tags: ["ready"]);
        return builder;
    }
}
