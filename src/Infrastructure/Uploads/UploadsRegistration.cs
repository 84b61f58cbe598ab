using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Uploads;

public static class UploadsRegistration
{
    public static IHostApplicationBuilder AddUploads(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<StrataOptions>(StrataOptions.Section);
        builder.AddSettings<UploadOptions>(UploadOptions.Section);
        builder.Services.AddSingleton<PartFiles>();
        if (builder.GetSettings<BlobStorageOptions>(BlobStorageOptions.Section).Provider != BlobProvider.Local)
        {
            builder.Services.AddSingleton<UploadSegments>();
        }

        builder.Services.AddScoped<UploadService>();
        return builder;
    }
}
