using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Identity;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Identity;

/// <summary><c>POST /api/v1/admin/users/{id}/two-factor/reset</c>: for someone who lost their authenticator.</summary>
public sealed class AdminUsersTwoFactorTests : TeamScenario
{
    private static readonly Uri AliceFiles = FsClient.Fs("/Private/alice");

    [Fact]
    public async Task Reset_turns_two_factor_off_replaces_the_key_and_lets_the_account_password_work_again()
    {
        var id = await Alice.UserIdAsync();
        var oldKey = await EnableTwoFactorAsync(id);
        (await Alice.GetAsync(AliceFiles, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var admin = await App.CreateAdminClientAsync();

        using var reset = await admin.PostAsync(ResetUri(id), null, Ct);

        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        var summary = await reset.Content.ReadFromJsonAsync<JsonElement>(Ct);
        summary.GetProperty("twoFactorEnabled").GetBoolean().ShouldBeFalse();
        summary.GetProperty("userName").GetString().ShouldBe("alice");
        var (enabled, key) = await TwoFactorStateAsync(id);
        enabled.ShouldBeFalse();
        key.ShouldNotBeNull();
        key.ShouldNotBe(oldKey);
        (await Alice.GetAsync(AliceFiles, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reset_of_an_unknown_user_is_404()
    {
        using var admin = await App.CreateAdminClientAsync();

        using var response = await admin.PostAsync(ResetUri("no-such-user"), null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Anonymous_is_401_and_a_non_admin_is_403_and_nothing_changes()
    {
        var id = await Alice.UserIdAsync();
        var key = await EnableTwoFactorAsync(id);

        (await App.CreateAnonymousClient().PostAsync(ResetUri(id), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Bob.PostAsync(ResetUri(id), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await TwoFactorStateAsync(id)).ShouldBe((true, key));
    }

    private static Uri ResetUri(string id) => new($"/api/v1/admin/users/{Uri.EscapeDataString(id)}/two-factor/reset", UriKind.Relative);

    /// <summary>Turns two-factor on as the profile page does, and returns the authenticator key.</summary>
    private async Task<string> EnableTwoFactorAsync(string id)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>();
        var user = await users.FindByIdAsync(id);
        await users.ResetAuthenticatorKeyAsync(user!);
        await users.SetTwoFactorEnabledAsync(user!, true);
        return (await users.GetAuthenticatorKeyAsync(user!))!;
    }

    private async Task<(bool Enabled, string? Key)> TwoFactorStateAsync(string id)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>();
        var user = await users.FindByIdAsync(id);
        return (user!.TwoFactorEnabled, await users.GetAuthenticatorKeyAsync(user));
    }
}
