using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Hosting;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Telemetry;

namespace Strata.Infrastructure.Files;

public static class FilesRegistration
{
    /// <summary>The file tree and its blobs; call after <c>AddPersistence</c> so the system folders are seeded after migrations.</summary>
    public static IHostApplicationBuilder AddFiles(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<StrataOptions>(StrataOptions.Section);
        builder.AddSettings<BlobStorageOptions>(BlobStorageOptions.Section);
        builder.Services.AddSingleton(sp =>
        {
            var blobs = sp.GetRequiredService<IOptions<BlobStorageOptions>>().Value;
            var strata = sp.GetRequiredService<IOptions<StrataOptions>>().Value;
            return new LocalBlobStore(blobs.Path ?? Path.Combine(strata.FullDataPath, "blobs"), sp.GetRequiredService<TimeProvider>(), blobs.PackThreshold, blobs.PackVolumeSize);
        });
        builder.Services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<LocalBlobStore>());
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<StrataMetrics>();
        builder.Services.AddSingleton<BlobService>();
        builder.Services.AddSingleton<FolderPropagation>();
        builder.Services.AddSingleton<CommitBatcher>();
        builder.Services.AddScoped<FileService>();
        builder.Services.AddScoped<IAccountSetup, PrivateFolderSetup>();
        builder.Services.AddHostedService<SystemFolderSeeder>();
        return builder;
    }
}
