using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Strata.Web.Tests.Sharing;

public sealed class AdminApiTests : TeamScenario
{
    private static readonly Uri Groups = new("/api/v1/admin/groups", UriKind.Relative);
    private static readonly Uri Users = new("/api/v1/admin/users", UriKind.Relative);

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
    public async Task Groups_are_created_renamed_filled_and_deleted()
    {
        var id = await Admin.CreateGroupAsync("Sales");
        await Admin.AddMemberAsync(id, Alice);

        using var renamed = await Admin.PutAsJsonAsync(new Uri($"/api/v1/admin/groups/{id}", UriKind.Relative), new { name = "Sales EU" }, Ct);

        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var group = await renamed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        group.GetProperty("name").GetString().ShouldBe("Sales EU");
        group.GetProperty("members").EnumerateArray().Single().GetProperty("userName").GetString().ShouldBe("alice");
        (await Admin.DeleteAsync(new Uri($"/api/v1/admin/groups/{id}/members/{await Alice.UserIdAsync()}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Admin.DeleteAsync(new Uri($"/api/v1/admin/groups/{id}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Admin.GetAsync(new Uri($"/api/v1/admin/groups/{id}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad\u0001name")]
    public async Task Invalid_group_name_is_400(string name) =>
        (await Admin.PostAsJsonAsync(Groups, new { name }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

    [Fact]
    public async Task Duplicate_group_name_is_409_whatever_the_case()
    {
        await Admin.CreateGroupAsync("Ops");

        using var duplicate = await Admin.PostAsJsonAsync(Groups, new { name = "OPS" }, Ct);

        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        duplicate.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Unknown_group_or_user_is_404()
    {
        var id = await Admin.CreateGroupAsync("Ops");

        (await Admin.PutAsync(new Uri("/api/v1/admin/groups/999/members/x", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin.PutAsync(new Uri($"/api/v1/admin/groups/{id}/members/no-such-user", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin.PutAsJsonAsync(new Uri("/api/v1/admin/groups/999", UriKind.Relative), new { name = "x" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin.PostAsync(new Uri("/api/v1/admin/users/no-such-user/disable", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Non_admins_cannot_use_the_admin_api()
    {
        (await Alice.GetAsync(Groups, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Alice.PostAsJsonAsync(Users, new { email = "x@strata.test", password = StrataAppFactory.Password }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.CreateAnonymousClient().GetAsync(Users, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Created_user_signs_in_and_gets_a_private_folder()
    {
        using var created = await Admin.PostAsJsonAsync(Users, new { email = "dave@strata.test", password = StrataAppFactory.Password }, Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var dave = App.CreateAnonymousClient();
        dave.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader("dave@strata.test", StrataAppFactory.Password);
        (await dave.GetAsync(Files.FsClient.Fs("/Private/dave"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Admin.PostAsJsonAsync(Users, new { email = "dave@strata.test", password = StrataAppFactory.Password }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Admin.PostAsJsonAsync(Users, new { email = "eve@strata.test", password = "short" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Disabled_user_is_refused_until_enabled()
    {
        var id = await Alice.UserIdAsync();

        (await Admin.PostAsync(new Uri($"/api/v1/admin/users/{id}/disable", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Alice.GetAsync(Files.FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Admin.PostAsync(new Uri($"/api/v1/admin/users/{id}/enable", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Alice.GetAsync(Files.FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reset_password_replaces_the_old_one()
    {
        var id = await Alice.UserIdAsync();

        using var reset = await Admin.PostAsJsonAsync(new Uri($"/api/v1/admin/users/{id}/password", UriKind.Relative), new { password = "a brand new passphrase" }, Ct);

        reset.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var fresh = App.CreateAnonymousClient();
        fresh.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader("alice@strata.test", "a brand new passphrase");
        (await fresh.GetAsync(Files.FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var old = App.CreateAnonymousClient();
        old.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader("alice@strata.test", StrataAppFactory.Password);
        (await old.GetAsync(Files.FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
