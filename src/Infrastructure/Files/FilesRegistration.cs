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
        if (builder.GetSettings<BlobStorageOptions>(BlobStorageOptions.Section).Provider == BlobProvider.Local)
        {
            builder.Services.AddSingleton<IBlobStore>(sp =>
            {
                var blobs = sp.GetRequiredService<IOptions<BlobStorageOptions>>().Value;
                return new LocalBlobStore(BlobFolder(sp), sp.GetRequiredService<TimeProvider>(), blobs.PackThreshold, blobs.PackVolumeSize);
            });
        }
        else
        {
            builder.Services.AddSingleton(sp => ObjectBuckets.Open(sp.GetRequiredService<IOptions<BlobStorageOptions>>().Value));
            builder.Services.AddSingleton<IBlobStore>(sp =>
                new ObjectBlobStore(sp.GetRequiredService<IObjectBucket>(), Path.Combine(BlobFolder(sp), "tmp"), sp.GetRequiredService<TimeProvider>()));
            builder.Services.AddHostedService<ObjectBucketSetup>();
            builder.Services.AddHealthChecks().AddCheck<ObjectStoreHealthCheck>("object-store", tags: ["ready"]);
        }

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

    private static string BlobFolder(IServiceProvider services) =>
        services.GetRequiredService<IOptions<BlobStorageOptions>>().Value.Path
        ?? Path.Combine(services.GetRequiredService<IOptions<StrataOptions>>().Value.FullDataPath, "blobs");
}
