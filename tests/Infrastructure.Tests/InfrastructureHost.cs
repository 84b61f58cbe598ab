using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Previews;
using Strata.Infrastructure.Sharing;
using Strata.Infrastructure.Uploads;

namespace Strata.Infrastructure.Tests;

/// <summary>
/// Strata's services below HTTP: registered by the app's own <c>Add…</c> extensions on a generic host (no web
/// server), on a fresh database that the app's migrator brings up at start, a real blob folder and a fake clock.
/// Everything lives in a temporary folder (and, on a server provider, a database of its own) removed at the end.
/// </summary>
public sealed class InfrastructureHost : IAsyncDisposable
{
    /// <summary>Meets ASP.NET Core Identity's default password rules.</summary>
    public const string Password = "Correct-Horse-7";

    private readonly IHost _host;
    private readonly DatabaseProvider _provider;
    private readonly AsyncServiceScope _scope;
    private readonly string _folder;

    private InfrastructureHost(IHost host, DatabaseProvider provider, string folder, FakeTimeProvider clock)
    {
        _host = host;
        _provider = provider;
        _scope = host.Services.CreateAsyncScope();
        _folder = folder;
        Clock = clock;
    }

    /// <summary>Starts at a fixed instant; only a test moves it.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Data folder of this host: the SQLite file, <c>blobs</c> and <c>uploads</c>.</summary>
    public string DataPath => _folder;

    public IServiceProvider Services => _scope.ServiceProvider;

    public FileService Files => Services.GetRequiredService<FileService>();

    public PermissionService Permissions => Services.GetRequiredService<PermissionService>();

    public GroupService Groups => Services.GetRequiredService<GroupService>();

    public LinkService Links => Services.GetRequiredService<LinkService>();

    public UploadService Uploads => Services.GetRequiredService<UploadService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="provider">The database, as <see cref="ProviderDataAttribute"/> hands it to a theory.</param>
    /// <param name="settings">Further <c>Strata:…</c> settings, as the app would read them.</param>
    public static async Task<InfrastructureHost> StartAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("strata-infra-").FullName;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Strata:DataPath"] = folder,
            ["Strata:Database:Provider"] = provider.ToString(),
            ["Strata:Database:ConnectionString"] = ProviderDataAttribute.ConnectionStringFor(provider, Path.GetFileName(folder)),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());

        // What the web host's own registrations provide: the clock and Identity's stores (the
        // web host adds them with its cookie and sign-in schemes, which have no place here).
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddIdentityCore<StrataUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<StrataDbContext>();

        builder.AddPersistence();
        builder.AddSharing();
        builder.AddFiles();
        builder.AddPreviews();
        builder.AddUploads();
        builder.AddAccounts();

        var host = builder.Build();
        try
        {
            await host.StartAsync(Ct);
        }
        catch
        {
            // A server that cannot be reached has no database to drop; the folder still goes.
            host.Dispose();
            Directory.Delete(folder, recursive: true);
            throw;
        }

        return new InfrastructureHost(host, provider, folder, clock);
    }

    /// <summary>Creates an account as an administrator does, with its private folder.</summary>
    public async Task<Caller> CreateUserAsync(string name, bool admin = false)
    {
        var created = await Services.GetRequiredService<AccountService>().CreateUserAsync($"{name}@strata.test", displayName: null, Password, admin, Ct);
        var user = created.User ?? throw new InvalidOperationException(string.Join(" ", created.Result.Errors.Select(e => e.Description)));
        return new Caller(user.Id, user.UserName, admin);
    }

    public Task<Result<NodeInfo>> WriteTextAsync(Caller caller, NodePath path, string text) =>
        Files.WriteAsync(caller, path, new MemoryStream(Encoding.UTF8.GetBytes(text)), WriteConditions.None, Ct);

    /// <summary>The text of a file's version (its current one when <paramref name="version"/> is null), from the blob store.</summary>
    public async Task<string> ReadTextAsync(Caller caller, NodePath path, int? version)
    {
        var content = await Files.GetContentAsync(caller, path, version, Ct);
        content.Succeeded.ShouldBeTrue(content.Detail);
        await using var blob = await Files.Blobs.OpenReadAsync(content.Value.Version.ContentHash, Ct);
        using var reader = new StreamReader(blob, Encoding.UTF8);
        return await reader.ReadToEndAsync(Ct);
    }

    public async Task<StrataDbContext> CreateDbContextAsync() =>
        await Services.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _host.StopAsync(CancellationToken.None);
        if (_provider != DatabaseProvider.Sqlite)
        {
            await using var db = await _host.Services.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(CancellationToken.None);
            await db.Database.EnsureDeletedAsync(CancellationToken.None);
        }

        _host.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
