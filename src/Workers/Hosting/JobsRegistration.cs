using System.Diagnostics;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Hosting;
using Strata.Infrastructure.Persistence;
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
    /// Hangfire (in memory on the embedded default, else in the shared database), Strata's recurring jobs, and rendition
    /// jobs queued for every committed content on workers of their own, which run on hosts with the worker role; call
    /// after <c>AddPreviews</c>.
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
        var strata = builder.GetSettings<StrataOptions>(StrataOptions.Section);
        var storage = StorageFor(builder.GetSettings<DatabaseOptions>(DatabaseOptions.Section), strata.Roles);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        if (strata.RunsJobs)
        {
            AddServers(builder.Services);
        }

        builder.Services.AddHostedService<RecurringJobsScheduler>();
        builder.Services.AddHostedService<JobMetrics>();
        return builder;
    }

    /// <summary>
    /// Where jobs wait: in this process on the embedded default, else in the shared database beside Strata's own tables
    /// (schema <c>hangfire</c>), so that any web host queues and any worker host runs, and each recurring job runs once
    /// across all of them.
    /// </summary>
    /// <exception cref="OptionsValidationException">Hosts are given roles on the embedded default, where no other host can see their jobs.</exception>
    private static Func<IServiceProvider, JobStorage> StorageFor(DatabaseOptions database, HostRoles roles) => database.Provider switch
    {
        DatabaseProvider.Sqlite when roles != HostRoles.Both => throw new OptionsValidationException(
            StrataOptions.Section, typeof(StrataOptions),
            [$"{StrataOptions.Section}:Roles is {roles}, but jobs are shared only through a server database: set {DatabaseOptions.Section}:Provider to PostgreSql or SqlServer, or leave the roles at Both."]),
        DatabaseProvider.Sqlite => _ => new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long }),
        DatabaseProvider.PostgreSql => services =>
        {
            EnsureDatabase(services);
            var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString!, options), options);
        },
        DatabaseProvider.SqlServer => services =>
        {
            EnsureDatabase(services);
            return new SqlServerStorage(database.ConnectionString!, new SqlServerStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true });
        },
        _ => throw new UnreachableException($"{DatabaseOptions.Section} validation let provider {database.Provider} through."),
    };

    /// <summary>
    /// Creates the database if it is not there yet, as the migrator would: the storage prepares its schema when it is
    /// made, which is when the host makes its hosted services, before any of them (the migrator first) has started.
    /// </summary>
    private static void EnsureDatabase(IServiceProvider services)
    {
        using var db = services.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContext();
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!creator.Exists())
        {
            creator.Create();
        }
    }

    private static void AddServers(IServiceCollection services)
    {
        services.AddHangfireServer(o => o.WorkerCount = 2);

        // Rendering is CPU work: its own workers, so maintenance jobs never wait behind a bulk upload's thumbnails.
        services.AddHangfireServer(o =>
        {
            o.Queues = RenditionQueues.InPriorityOrder;
            o.WorkerCount = RenditionQueues.WorkerCount;
        });
        services.AddHangfireServer(o =>
        {
            o.Queues = [RenditionQueues.Video];
            o.WorkerCount = 1;
        });

        // Search is fresh within seconds of an upload only if reading text never waits behind thumbnails.
        services.AddHangfireServer(o =>
        {
            o.Queues = [TextExtractionJob.Queue];
            o.WorkerCount = 1;
        });
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
