using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.Infrastructure.Uploads;

public static class UploadsRegistration
{
    public static IHostApplicationBuilder AddUploads(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section)
            .Validate(o => o.Expiration > TimeSpan.Zero, "Strata:Uploads:Expiration must be positive.")
            .Validate(o => o.MaxSize is null or > 0, "Strata:Uploads:MaxSize must be positive.")
            .Validate(o => o.CheckpointBytes > 0, "Strata:Uploads:CheckpointBytes must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PartFiles>();
        builder.Services.AddScoped<UploadService>();
        return builder;
    }
}
