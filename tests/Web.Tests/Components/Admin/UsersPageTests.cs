using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Strata.Infrastructure.Identity;
using Strata.Web.Components.Admin;

namespace Strata.Web.Tests.Components.Admin;

/// <summary>The users page over the real <see cref="AccountService"/> on a real SQLite file: an admin, and alice with two-factor on.</summary>
public sealed class UsersPageTests : IAsyncLifetime
{
    private readonly StrataAppFactory _app = new();
    private readonly BunitContext _bunit = new();
    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> _host = null!;

    public async ValueTask InitializeAsync()
    {
        using (await _app.CreateAdminClientAsync())
        using (await _app.CreateUserClientAsync("alice@strata.test"))
        {
        }

        await SetTwoFactorAsync("alice@strata.test");
        var admin = await FindAsync(StrataAppFactory.AdminEmail);
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices();
        _bunit.Services.AddSingleton(new ScopedAccounts(_app.Services.GetRequiredService<IServiceScopeFactory>()));
        var auth = _bunit.AddAuthorization();
        auth.SetAuthorized(admin!.UserName!);
        auth.SetRoles(Roles.Admin);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id), new Claim(ClaimTypes.Name, admin.UserName!));
        _host = _bunit.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<UsersPage>(3);
            builder.CloseComponent();
        });
        _host.WaitForAssertion(() => _host.FindAll("[data-testid=user-row]").Count.ShouldBe(2));
    }

    [Fact]
    public async Task Creating_without_a_password_shows_a_generated_one_that_signs_in()
    {
        _host.Find("input[data-testid=new-email]").Change("dave@strata.test");
        _host.Find("input[data-testid=new-display-name]").Change("Dave Example");

        _host.Find("[data-testid=create-user]").Click();

        _host.WaitForAssertion(() => _host.FindAll("[data-testid=user-row]").Count.ShouldBe(3));
        var password = _host.Find("[data-testid=revealed-password]").TextContent;
        password.Length.ShouldBeGreaterThanOrEqualTo(20);
        _host.Find("[data-testid=user-row][data-email='dave@strata.test']").TextContent.ShouldContain("Dave Example");
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>();
        var dave = await users.FindByEmailAsync("dave@strata.test");
        (await users.CheckPasswordAsync(dave!, password)).ShouldBeTrue();
    }

    [Fact]
    public void A_refused_password_is_reported_and_creates_nothing()
    {
        _host.Find("input[data-testid=new-email]").Change("eve@strata.test");
        _host.Find("input[data-testid=new-password]").Change("short");

        _host.Find("[data-testid=create-user]").Click();

        _host.WaitForAssertion(() => _host.Find(".mud-snackbar").TextContent.ShouldContain("at least 10 characters"));
        _host.FindAll("[data-testid=user-row]").Count.ShouldBe(2);
        _host.FindAll("[data-testid=revealed]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Reset_two_factor_asks_first_then_turns_it_off()
    {
        Row("alice@strata.test").ShouldContain("On");

        _host.Find("tr:has([data-email='alice@strata.test']) [data-testid=user-actions] button").Click();
        _host.WaitForAssertion(() => _host.Find("[data-testid=reset-two-factor]").Click());
        _host.WaitForAssertion(() => _host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Reset").Click());

        _host.WaitForAssertion(() => Row("alice@strata.test").ShouldContain("Off"));
        (await FindAsync("alice@strata.test"))!.TwoFactorEnabled.ShouldBeFalse();
    }

    private string Row(string email) => _host.Find($"tr:has([data-email='{email}'])").TextContent;

    private async Task SetTwoFactorAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>();
        var user = await users.FindByEmailAsync(email);
        await users.ResetAuthenticatorKeyAsync(user!);
        await users.SetTwoFactorEnabledAsync(user!, true);
    }

    private async Task<StrataUser?> FindAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>().FindByEmailAsync(email);
    }

    public async ValueTask DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _app.DisposeAsync();
    }
}
