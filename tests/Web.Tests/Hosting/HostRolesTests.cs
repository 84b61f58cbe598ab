using System.Net;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Tests;
using Strata.Tests.Previews;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Previews;

namespace Strata.Web.Tests.Hosting;

/// <summary>Hosts with roles, as a fleet runs them: a web host and a worker host of one installation.</summary>
public sealed class HostRolesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(SkipTestWithoutData = true)]
    [ProviderData(ServersOnly = true)]
    public async Task A_thumbnail_queued_by_a_web_host_is_made_by_the_worker_host(DatabaseProvider provider)
    {
        await using var installation = new SharedInstallation(provider);
        var web = installation.AddHost("Web");
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

        var worker = installation.AddHost("Worker");
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

    private static Uri Thumbnail => new("/api/v1/previews/Shared/Team/photo.jpg?size=256", UriKind.Relative);
}
