using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Hosting;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Files;

public static class FilesRegistration
{
    public static IHostApplicationBuilder AddFiles(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Every file operation is authorised by the permission service.
        builder.AddSharing();
        builder.Services.AddOptions<BlobStorageOptions>().BindConfiguration(BlobStorageOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var blobs = sp.GetRequiredService<IOptions<BlobStorageOptions>>().Value;
            var strata = sp.GetRequiredService<IOptions<StrataOptions>>().Value;
            return new LocalBlobStore(blobs.Path ?? Path.Combine(strata.FullDataPath, "blobs"), sp.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<LocalBlobStore>());
        builder.Services.AddSingleton<BlobService>();
        builder.Services.AddScoped<FileService>();
        builder.Services.AddSingleton<Journal.JournalReader>();
        return builder;
    }
}
