using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Hosting;
using Strata.Workers.Blobs;
using Strata.Workers.Notifications;
using Strata.Workers.Previews;
using Strata.Workers.Search;
using Strata.Workers.Tasks;
using Strata.Workers.Trash;
using Strata.Workers.Uploads;

namespace Strata.Workers.Hosting;

public static class JobsRegistration
{
    /// <summary>
    /// Hangfire on in-memory storage (the embedded default), Strata's recurring jobs, and rendition jobs queued for every
    /// committed content on workers of their own; call after <c>AddPreviews</c>.
    /// </summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<TrashOptions>(TrashOptions.Section);
        builder.Services.AddScoped<BlobGarbageCollectionJob>();
        builder.Services.AddScoped<TrashPurgeJob>();
        builder.Services.AddScoped<UploadPurgeJob>();
        builder.Services.AddScoped<TaskReminderJob>();
        builder.Services.AddScoped<NotificationEmailJob>();
        builder.Services.AddScoped<RenditionJob>();
        builder.Services.AddScoped<RenditionScheduler>();
        builder.Services.AddScoped<IContentCommitted>(sp => sp.GetRequiredService<RenditionScheduler>());
        builder.Services.AddScoped<TextExtractionJob>();
        builder.Services.AddScoped<TextExtractionScheduler>();
        builder.Services.AddScoped<IContentCommitted>(sp => sp.GetRequiredService<TextExtractionScheduler>());

        // Storage and activator are this host's own rather than Hangfire's process-wide statics, which the last host
        // built would own: two hosts in one process (the test suite) would otherwise run each other's jobs against the
        // wrong database.
        builder.Services.AddSingleton<JobStorage>(_ => new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long }));
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        builder.Services.AddHangfireServer(o => o.WorkerCount = 2);

        // Rendering is CPU work: its own workers, so maintenance jobs never wait behind a bulk upload's thumbnails.
        builder.Services.AddHangfireServer(o =>
        {
            o.Queues = RenditionQueues.InPriorityOrder;
            o.WorkerCount = RenditionQueues.WorkerCount;
        });
        builder.Services.AddHangfireServer(o =>
        {
            o.Queues = [RenditionQueues.Video];
            o.WorkerCount = 1;
        });

        // Search is fresh within seconds of an upload only if reading text never waits behind thumbnails.
        builder.Services.AddHangfireServer(o =>
        {
            o.Queues = [TextExtractionJob.Queue];
            o.WorkerCount = 1;
        });
        builder.Services.AddHostedService<RecurringJobsScheduler>();
        return builder;
    }

    /// <summary>Registers the recurring jobs once the host (and Hangfire's storage) is up.</summary>
    private sealed class RecurringJobsScheduler(IRecurringJobManager jobs) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            jobs.AddOrUpdate<BlobGarbageCollectionJob>("blob-gc", j => j.ExecuteAsync(CancellationToken.None), Cron.Hourly());
            jobs.AddOrUpdate<TrashPurgeJob>("trash-purge", j => j.ExecuteAsync(CancellationToken.None), Cron.Daily(3));
            jobs.AddOrUpdate<UploadPurgeJob>("upload-purge", j => j.ExecuteAsync(CancellationToken.None), Cron.Hourly());
            jobs.AddOrUpdate<TaskReminderJob>("task-reminders", j => j.ExecuteAsync(CancellationToken.None), Cron.Minutely());
            jobs.AddOrUpdate<NotificationEmailJob>("notification-email", j => j.ExecuteAsync(CancellationToken.None), Cron.Minutely());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
