using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Identity;
using Strata.Web.Identity;

namespace Strata.Web.Tests.Identity;

/// <summary>The users page over the real <see cref="AccountService"/>: an admin, and alice with two-factor on.</summary>
public sealed class UsersPageTests : IAsyncLifetime
{
    private readonly AdminPageContext _context = new();
    private IRenderedComponent<IComponent> _host = null!;

    public async ValueTask InitializeAsync()
    {
        using (await _context.App.CreateUserClientAsync("alice@strata.test"))
        {
        }

        await SetTwoFactorAsync("alice@strata.test");
        _host = await _context.RenderAsync<UsersPage>();
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
        using var scope = _context.App.Services.CreateScope();
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
        _context.Confirm("Reset");

        _host.WaitForAssertion(() => Row("alice@strata.test").ShouldContain("Off"));
        (await _context.FindUserAsync("alice@strata.test"))!.TwoFactorEnabled.ShouldBeFalse();
    }

    private string Row(string email) => _host.Find($"tr:has([data-email='{email}'])").TextContent;

    private async Task SetTwoFactorAsync(string email)
    {
        using var scope = _context.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>();
        var user = await users.FindByEmailAsync(email);
        await users.ResetAuthenticatorKeyAsync(user!);
        await users.SetTwoFactorEnabledAsync(user!, true);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
