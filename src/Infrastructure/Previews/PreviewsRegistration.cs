using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.Infrastructure.Previews;

public static class PreviewsRegistration
{
    /// <summary>Renditions and their renderers; call after <c>AddFiles</c>. The jobs that render are the Workers' own.</summary>
    public static IHostApplicationBuilder AddPreviews(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PreviewOptions>().BindConfiguration(PreviewOptions.Section)
            .Validate(o => o.MaxMegapixels > 0, "Strata:Previews:MaxMegapixels must be positive.")
            .Validate(o => o.JobTimeout > TimeSpan.Zero, "Strata:Previews:JobTimeout must be positive.")
            .Validate(o => o.PendingTimeout > TimeSpan.Zero, "Strata:Previews:PendingTimeout must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IRenderer, ImageRenderer>();
        builder.Services.AddSingleton<RenditionService>();
        return builder;
    }
}
