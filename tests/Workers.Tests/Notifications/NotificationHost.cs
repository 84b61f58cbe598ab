using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Strata.Domain.Journal;
using Strata.Domain.Notifications;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Notifications;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;
using Strata.Workers.Notifications;

namespace Strata.Workers.Tests.Notifications;

/// <summary>
/// The notification services and email job on a real SQLite file, sending to <see cref="TestSmtpServer"/>, with a clock
/// the test moves. Alice acts; bob is notified in his own private folder (which he may always see).
/// </summary>
public sealed class NotificationHost : IAsyncDisposable
{
    public const string AliceId = "u-alice";
    public const string BobId = "u-bob";
    private readonly IHost _host;
    private readonly string _dataPath = Directory.CreateTempSubdirectory("strata-notify-").FullName;

    public NotificationHost(DateTimeOffset start, int? smtpPort)
    {
        Clock = new FakeTimeProvider(start);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Strata:DataPath"] = _dataPath;
        builder.Configuration["Strata:PublicUrl"] = "https://files.example.com/";
        if (smtpPort is { } port)
        {
            builder.Configuration["Strata:Smtp:Host"] = "127.0.0.1";
            builder.Configuration["Strata:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.Configuration["Strata:Smtp:StartTls"] = "false";
            builder.Configuration["Strata:Smtp:From"] = "Strata <strata@example.com>";
        }

        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.AddPersistence();
        builder.AddSharing();
        builder.AddNotifications();
        builder.Services.AddScoped<NotificationEmailJob>();
        _host = builder.Build();
    }

    public FakeTimeProvider Clock { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task StartAsync()
    {
        await _host.StartAsync(Ct);
        await using var db = await DbAsync();
        db.Users.Add(User(AliceId, "alice", "<img src=x onerror=alert(1)>"));
        db.Users.Add(User(BobId, "bob", "Bob"));
        await db.SaveChangesAsync(Ct);

        // As the follower does when its host starts: the cursor at the journal's end.
        await _host.Services.GetRequiredService<NotificationDeriver>().StartAsync(Ct);
    }

    /// <summary>An event of the contract written as the tasks or comments feature would, about a file in bob's private folder.</summary>
    public async Task WriteAsync(string type, string fileName, Dictionary<string, string> details)
    {
        await using var db = await DbAsync();
        var path = Domain.Files.NodePath.Parse("/Private/bob/" + fileName);
        var change = new JournalEvent
        {
            Type = type,
            Path = path.Value,
            PathKey = path.Key,
            ActorId = AliceId,
            At = Clock.GetUtcNow(),
            Details = JsonSerializer.Serialize(details),
        };
        db.Journal.Add(change);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Runs the follower until it is caught up.</summary>
    public async Task DeriveAsync()
    {
        var deriver = _host.Services.GetRequiredService<NotificationDeriver>();
        DerivedNotifications derived;
        do
        {
            derived = await deriver.DeriveNextAsync(Ct);
        }
        while (!derived.IsEmpty);
    }

    public async Task<int> RunEmailJobAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationEmailJob>().ExecuteAsync(Ct);
    }

    public async Task SetPreferencesAsync(NotificationPreferences preferences) =>
        (await _host.Services.GetRequiredService<NotificationService>().SetPreferencesAsync(BobId, preferences, Ct)).Succeeded.ShouldBeTrue();

    public async Task<List<Notification>> NotificationsAsync()
    {
        await using var db = await DbAsync();
        return await db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(Ct);
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataPath, recursive: true);
    }

    private Task<StrataDbContext> DbAsync() => _host.Services.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct);

    private static StrataUser User(string id, string name, string displayName) => new()
    {
        Id = id,
        UserName = name,
        NormalizedUserName = name.ToUpperInvariant(),
        Email = $"{name}@example.com",
        NormalizedEmail = $"{name}@example.com".ToUpperInvariant(),
        DisplayName = displayName,
        SecurityStamp = Guid.NewGuid().ToString(),
    };
}
