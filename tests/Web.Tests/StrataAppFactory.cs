using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence.Providers.Sqlite;
using Strata.Web.Search;

namespace Strata.Web.Tests;

/// <summary>
/// The real host on a real SQLite file in a fresh temporary data folder. Dispose deletes the folder;
/// <see cref="Restart"/> gives a new host on the same folder (crash and restart tests).
/// </summary>
public sealed class StrataAppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@strata.test";
    public const string Password = "correct horse battery";

    /// <summary>
    /// An empty database with every migration applied, made once per run: the suite starts a thousand hosts, and
    /// migrating each one's database from nothing was an eighth of its time. A copy is what a migrated host starts
    /// from; the host still applies what is pending and fills what it fills at every start.
    /// </summary>
    private static readonly Lazy<string> MigratedDatabase = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "strata-tests", $"migrated-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var db = new SqliteStrataDbContext(new DbContextOptionsBuilder<SqliteStrataDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options);
        db.Database.Migrate();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    private bool _ownsDataPath;

    public StrataAppFactory()
        : this(Path.Combine(Path.GetTempPath(), "strata-tests", Guid.NewGuid().ToString("N")), ownsDataPath: true)
    {
    }

    private StrataAppFactory(string dataPath, bool ownsDataPath)
    {
        DataPath = dataPath;
        _ownsDataPath = ownsDataPath;
        Directory.CreateDirectory(dataPath);
    }

    public string DataPath { get; }

    /// <summary>Extra configuration applied on top of the test defaults (keys like <c>Strata:Blobs:GracePeriod</c>).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>
    /// Whether this host keeps a search index, as every real host does. Off unless a test searches: the indexer gives
    /// each host ICU analysis and a Lucene commit per change, which made the suite 15 % slower for nothing it checks.
    /// </summary>
    public bool SearchIndexer { get; set; }

    /// <summary>Service changes applied after the application's own registrations (interceptors, fakes).</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; set; }

    /// <summary>A second host on the same data folder, which it then owns; the caller disposes this one first.</summary>
    public StrataAppFactory Restart()
    {
        _ownsDataPath = false;
        var next = new StrataAppFactory(DataPath, ownsDataPath: true) { SearchIndexer = SearchIndexer };
        foreach (var (key, value) in Settings)
        {
            next.Settings[key] = value;
        }

        return next;
    }

    /// <summary>Serves on a real loopback port, for peers that need a socket and for Kestrel's own behaviour; returns its address.</summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public HttpClient CreateAnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });

    /// <summary>Creates (once) a user with the given email and returns a client that sends Basic credentials for it.</summary>
    public async Task<HttpClient> CreateUserClientAsync(string email = "alice@strata.test", bool admin = false)
    {
        using (var scope = Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
                var created = await accounts.CreateUserAsync(email, Password, admin, CancellationToken.None);
                created.Succeeded.ShouldBeTrue(string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }

        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = BasicHeader(email, Password);
        return client;
    }

    public Task<HttpClient> CreateAdminClientAsync() => CreateUserClientAsync(AdminEmail, admin: true);

    public static AuthenticationHeaderValue BasicHeader(string email, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{password}")));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Strata:DataPath", DataPath);
        var database = Path.Combine(DataPath, "strata.db");
        if (!Settings.Keys.Any(k => k.StartsWith("Strata:Database:", StringComparison.Ordinal)) && !File.Exists(database))
        {
            File.Copy(MigratedDatabase.Value, database);
        }

        // The suite signs a few thousand users up and in; the hash's cost is no part of what a test checks.
        builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (!SearchIndexer)
        {
            builder.ConfigureServices(WithoutSearchIndexer);
        }

        if (ConfigureTestServices is { } configure)
        {
            builder.ConfigureServices(configure);
        }
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        catch (ArgumentNullException e) when (e.ParamName == "waitHandle" && e.StackTrace?.Contains("Hangfire.", StringComparison.Ordinal) == true)
        {
            // dotnet/aspnetcore#40271: the test host stops a minimal-hosting app twice, from two threads, and Hangfire's
            // server guards a second stop against ObjectDisposedException only. A deployed host stops once.
        }

        if (disposing && _ownsDataPath)
        {
            TryDelete(DataPath);
        }
    }

    /// <summary>
    /// The indexer is registered by a factory (it is also the singleton the search API asks), so it is told apart by
    /// where that factory was written.
    /// </summary>
    private static void WithoutSearchIndexer(IServiceCollection services) =>
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationFactory?.Method.DeclaringType?.DeclaringType == typeof(SearchApi)));

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request; the OS temp cleaner takes it.
        }
    }
}
