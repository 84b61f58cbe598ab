using System.Net;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Tests;
using Strata.Tests.Previews;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Previews;

namespace Strata.Web.Tests.Hosting;

/// <summary>
/// Hosts with roles, as a fleet runs them: a web host and a worker host on one server database and one blob folder
/// (unpacked, since two hosts must not append to the same volumes).
/// </summary>
public sealed class HostRolesTests : IDisposable
{
    private readonly string _blobs = Directory.CreateTempSubdirectory("strata-fleet-blobs-").FullName;
    private readonly string _database = $"strata_fleet_{Guid.NewGuid():N}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true)]
    public async Task A_thumbnail_queued_by_a_web_host_is_made_by_the_worker_host(DatabaseProvider provider)
    {
        using var web = Host(provider, "Web");
        using var admin = await web.CreateAdminClientAsync();
        (await admin.MkdirAsync("/Shared/Team")).StatusCode.ShouldBe(HttpStatusCode.Created);
        using (var put = await admin.PutAsync(FsClient.Content("/Shared/Team/photo.jpg"), new ByteArrayContent(TestImages.Photo(".jpg")), Ct))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        web.Services.GetServices<IHostedService>().OfType<BackgroundJobServerHostedService>().ShouldBeEmpty();
        using (var pending = await admin.GetAsync(Thumbnail, Ct))
        {
            pending.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var worker = Host(provider, "Worker");
        worker.Services.GetServices<IHostedService>().OfType<BackgroundJobServerHostedService>().ShouldNotBeEmpty();

        using var made = await admin.UntilMadeAsync(Thumbnail);
        made.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestImages.SizeOf(await made.Content.ReadAsByteArrayAsync(Ct)).ShouldBe((256, 256));
    }

    [Fact]
    public void Roles_on_the_embedded_default_stop_the_host_naming_the_setting()
    {
        using var app = new StrataAppFactory();
        app.Settings["Strata:Roles"] = "Worker";

        var refused = Should.Throw<OptionsValidationException>(() => app.Services);

        refused.Message.ShouldContain("Strata:Roles is Worker");
        refused.Message.ShouldContain("Strata:Database:Provider");
    }

    public void Dispose()
    {
        if (ProviderDataAttribute.ConnectionStringFor(DatabaseProvider.PostgreSql, _database) is { } connectionString)
        {
            NpgsqlConnection.ClearAllPools();
            using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString);
            server.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", server);
            drop.ExecuteNonQuery();
        }

        Directory.Delete(_blobs, recursive: true);
    }

    private static Uri Thumbnail => new("/api/v1/previews/Shared/Team/photo.jpg?size=256", UriKind.Relative);

    private StrataAppFactory Host(DatabaseProvider provider, string roles)
    {
        var host = new StrataAppFactory();
        host.Settings["Strata:Database:Provider"] = provider.ToString();
        host.Settings["Strata:Database:ConnectionString"] = ProviderDataAttribute.ConnectionStringFor(provider, _database);
        host.Settings["Strata:Blobs:Path"] = _blobs;
        host.Settings["Strata:Blobs:PackThreshold"] = "0";
        host.Settings["Strata:Roles"] = roles;
        _ = host.Services;
        return host;
    }
}
