using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Hosting;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Persistence.Providers.Sqlite;
using Strata.Infrastructure.Previews;
using Strata.Infrastructure.Search;
using Strata.Infrastructure.Sharing;
using Strata.Infrastructure.Tasks;
using Strata.Infrastructure.Trash;
using Strata.Workers.Blobs;
using Strata.Workers.Previews;
using Strata.Workers.Search;
using Strata.Workers.Tasks;
using Strata.Workers.Trash;

namespace Strata.Workers.Tests;

/// <summary>The jobs' services on a real SQLite file and blob folder, with a clock the test moves.</summary>
public sealed class WorkersHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _dataPath = Directory.CreateTempSubdirectory("strata-workers-").FullName;

    /// <param name="settings">Configuration on top of the defaults here.</param>
    public WorkersHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Strata:DataPath"] = _dataPath;
        builder.Configuration["Strata:Blobs:GracePeriod"] = "01:00:00";
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Configuration["Strata:Trash:Retention"] = "30.00:00:00";
        builder.AddSettings<TrashOptions>(TrashOptions.Section);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.AddPersistence();
        builder.Services.ConfigureDbContext<SqliteStrataDbContext>((_, o) => o.AddInterceptors(Commands), ServiceLifetime.Singleton);
        builder.AddSharing();
        builder.AddFiles();
        builder.AddPreviews();
        builder.AddTrash();
        builder.AddDatabaseFlags();
        builder.Services.AddScoped<BlobGarbageCollectionJob>();
        builder.Services.AddScoped<TrashPurgeJob>();
        builder.AddTasks();
        builder.Services.AddScoped<TaskReminderJob>();

        // The jobs' own registrations, with a client that keeps what is queued for the test to run.
        builder.Services.AddSingleton<IBackgroundJobClient>(Jobs);
        builder.Services.AddScoped<RenditionJob>();
        builder.Services.AddScoped<RenditionScheduler>();
        builder.Services.AddScoped<IContentCommitted>(sp => sp.GetRequiredService<RenditionScheduler>());
        builder.AddSearch();
        builder.Services.AddScoped<TextExtractionJob>();
        builder.Services.AddScoped<TextExtractionScheduler>();
        builder.Services.AddScoped<IContentCommitted>(sp => sp.GetRequiredService<TextExtractionScheduler>());
        _host = builder.Build();
    }

    /// <summary>Starts at the real time: the blob store stamps files with the file system's clock.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public static Caller Admin { get; } = new("admin-id", "admin", IsAdmin: true);

    public CommandCount Commands { get; } = new();

    public RecordingJobClient Jobs { get; } = new();

    public IBlobStore Store => _host.Services.GetRequiredService<IBlobStore>();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _host.StartAsync(cancellationToken);
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FileService>().EnsureSystemFoldersAsync(cancellationToken);
    }

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Runs every queued job, in order, as a Hangfire worker would (one scope each); returns how many ran.</summary>
    public async Task<int> RunQueuedJobsAsync()
    {
        var ran = 0;
        while (Jobs.TryDequeue(out var job))
        {
            await RunAsync(async sp =>
            {
                var target = sp.GetRequiredService(job.Type);
                await (Task)job.Method.Invoke(target, [.. job.Args])!;
                return true;
            });
            ran++;
        }

        return ran;
    }

    public Task SetFlagAsync(string flag, bool enabled) =>
        RunAsync(sp => sp.GetRequiredService<FlagStore>().UpdateAsync(flag, new FlagSettings(enabled, null, null, 100), "test", CancellationToken.None));

    public Task<NodeInfo> WriteAsync(string path, byte[] content, CancellationToken cancellationToken) =>
        RunAsync(async sp =>
        {
            var result = await sp.GetRequiredService<FileService>()
                .WriteAsync(Admin, NodePath.Parse(path), new MemoryStream(content), WriteConditions.None, cancellationToken);
            return result.Value ?? throw new InvalidOperationException($"Writing {path} failed: {result.Status} {result.Detail}");
        });

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataPath, recursive: true);
    }
}
