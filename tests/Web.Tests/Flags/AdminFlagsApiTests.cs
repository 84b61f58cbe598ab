using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Persistence;
using Strata.Web.Flags;
using Strata.Web.Live;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Flags;

public sealed class AdminFlagsApiTests : TeamScenario
{
    private static readonly Uri FlagsUri = new("/api/v1/admin/flags", UriKind.Relative);
    private static readonly Uri Negotiate = new(LiveRegistration.HubPath + "/negotiate?negotiateVersion=1", UriKind.Relative);

    private HttpClient Admin { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = await App.CreateAdminClientAsync();
    }

    public override ValueTask DisposeAsync()
    {
        Admin.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task Every_product_flag_is_seeded_and_on()
    {
        var flags = await Admin.GetJsonAsync(FlagsUri);

        var seeded = flags.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("enabled").GetBoolean());
        seeded.Keys.ShouldBe(Strata.Infrastructure.Flags.FlagNames.Seeds.Keys, ignoreOrder: true);
        seeded.Values.ShouldAllBe(enabled => enabled);
    }

    [Fact]
    public async Task Only_flags_of_features_that_exist_are_listed_even_when_an_older_installation_stored_more()
    {
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct))
        {
            db.FeatureFlags.Add(new FeatureFlag { Name = "Holograms", Description = "A feature this version no longer has.", Enabled = true });
            await db.SaveChangesAsync(Ct);
        }

        var flags = await Admin.GetJsonAsync(FlagsUri);

        flags.EnumerateArray().Select(f => f.GetProperty("name").GetString())
            .ShouldBe(Strata.Infrastructure.Flags.FlagNames.Seeds.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Switching_a_flag_off_closes_its_front_door_at_once_and_on_reopens_it()
    {
        (await Alice.PostAsync(Negotiate, null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await PutAsync(Strata.Infrastructure.Flags.FlagNames.LiveUpdates, enabled: false)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var closed = await Alice.PostAsync(Negotiate, null, Ct);
        closed.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        closed.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(FeatureGates.RetryAfterSeconds));
        (await closed.Content.ReadAsStringAsync(Ct)).ShouldContain("LiveUpdates");

        (await PutAsync(Strata.Infrastructure.Flags.FlagNames.LiveUpdates, enabled: true)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Alice.PostAsync(Negotiate, null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_targeted_flag_is_on_only_for_its_audience()
    {
        using var response = await PutAsync(Strata.Infrastructure.Flags.FlagNames.LiveUpdates, enabled: true, users: ["alice"], percentage: 0);
        var flag = await response.Content.ReadFromJsonAsync<FlagView>(Ct);
        flag!.Users.ShouldBe(["alice"]);
        flag.UpdatedBy.ShouldBe("admin");

        (await Alice.PostAsync(Negotiate, null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Bob.PostAsync(Negotiate, null, Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task WebDAV_narrowed_to_an_audience_still_answers_the_anonymous_mount_probe()
    {
        using var anonymous = App.CreateAnonymousClient();
        (await PutAsync(Strata.Infrastructure.Flags.FlagNames.WebDav, enabled: true, users: ["alice"], percentage: 0)).EnsureSuccessStatusCode();

        foreach (var probe in new[] { "/", "/dav/", "/dav/Private/" })
        {
            using var options = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Options, new Uri(probe, UriKind.Relative)), Ct);
            options.StatusCode.ShouldBe(HttpStatusCode.OK, probe);
            options.Headers.GetValues("DAV").ShouldBe(["1, 2"]);
        }

        (await PropfindAsync(Alice)).ShouldBe(HttpStatusCode.MultiStatus);
        (await PropfindAsync(Bob)).ShouldBe(HttpStatusCode.ServiceUnavailable);

        (await PutAsync(Strata.Infrastructure.Flags.FlagNames.WebDav, enabled: false)).EnsureSuccessStatusCode();
        using var closed = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Options, new Uri("/dav/", UriKind.Relative)), Ct);
        closed.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task A_zero_rollout_without_an_audience_reaches_nobody()
    {
        (await PutAsync(Strata.Infrastructure.Flags.FlagNames.LiveUpdates, enabled: true, percentage: 0)).EnsureSuccessStatusCode();

        (await Alice.PostAsync(Negotiate, null, Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task A_percentage_outside_0_to_100_is_a_400(int percentage)
    {
        using var response = await PutAsync(Strata.Infrastructure.Flags.FlagNames.UploadLinks, enabled: true, percentage: percentage);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("between 0 and 100");
    }

    [Fact]
    public async Task An_unknown_flag_is_a_404()
    {
        using var response = await PutAsync("NoSuchFlag", enabled: true);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Only_administrators_see_or_change_flags()
    {
        (await Alice.GetAsync(FlagsUri, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Alice.PutAsJsonAsync(new Uri(FlagsUri + "/WebDav", UriKind.Relative), new FlagSettings(false, null, null, 0), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = App.CreateAnonymousClient();
        (await anonymous.GetAsync(FlagsUri, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/admin/flags")]
    [InlineData("/admin/jobs")]
    public async Task Admin_pages_are_for_administrators_only(string page)
    {
        var uri = new Uri(page, UriKind.Relative);
        using var anonymous = App.CreateAnonymousClient();

        using var anonymousResponse = await anonymous.GetAsync(uri, Ct);
        anonymousResponse.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymousResponse.Headers.Location!.AbsolutePath.ShouldBe("/account/login");
        (await Alice.GetAsync(uri, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var adminResponse = await Admin.GetAsync(uri, Ct);
        adminResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        adminResponse.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
    }

    private static async Task<HttpStatusCode> PropfindAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(new HttpMethod("PROPFIND"), new Uri("/dav/Shared/", UriKind.Relative));
        request.Headers.Add("Depth", "0");
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private Task<HttpResponseMessage> PutAsync(string name, bool enabled, string[]? users = null, int percentage = 100) =>
        Admin.PutAsJsonAsync(new Uri($"{FlagsUri}/{name}", UriKind.Relative), new FlagSettings(enabled, users, null, percentage), Ct);
}
