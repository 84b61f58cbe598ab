using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Strata.Infrastructure.Identity;
using Strata.Web.Identity;

namespace Strata.Web.Tests.Identity;

public sealed class TwoFactorCardTests : IAsyncLifetime
{
    private const string Email = "alice@strata.test";
    private readonly BunitContext _bunit = new();
    private readonly RefusingValidator _validator = new();
    private readonly StrataAppFactory _app;

    public TwoFactorCardTests() => _app = new() { ConfigureTestServices = s => s.AddSingleton<IUserValidator<StrataUser>>(_validator) };

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await ProfileCards.SignInAsync(_bunit, _app, Email);

    [Fact]
    public async Task After_the_account_changed_elsewhere_turning_it_on_turns_it_on()
    {
        var card = _bunit.Render<TwoFactorCard>();
        card.WaitForElement("[data-testid=enable-two-factor]");

        // The account as the page loaded it goes stale (an administrator's edit, another session; failed sign-ins
        // wrote to the account this way too until they were counted per address).
        using (var scope = _app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>();
            var user = (await users.FindByEmailAsync(Email))!;
            user.PhoneNumber = "+1 555 0100";
            (await users.UpdateAsync(user)).Succeeded.ShouldBeTrue();
        }

        TurnOn(card);

        card.WaitForAssertion(() => _bunit.Services.GetRequiredService<NavigationManager>().Uri.ShouldContain("Two-factor"));
        (await FindAsync()).TwoFactorEnabled.ShouldBeTrue();
        using var basic = _app.CreateAnonymousClient();
        basic.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader(Email, StrataAppFactory.Password);
        (await basic.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_save_that_fails_shows_the_error_not_success()
    {
        var card = _bunit.Render<TwoFactorCard>();
        card.WaitForElement("[data-testid=enable-two-factor]");
        var navigation = _bunit.Services.GetRequiredService<NavigationManager>();
        var before = navigation.Uri;
        _validator.RefuseTwoFactor = true;

        TurnOn(card);

        card.WaitForAssertion(() => card.Find("[data-testid=two-factor-error]").TextContent.ShouldContain("Turning two-factor sign-in on failed"));
        navigation.Uri.ShouldBe(before);
        (await FindAsync()).TwoFactorEnabled.ShouldBeFalse();
    }

    /// <summary>Set up, then the authenticator's current code and Turn on, as a person does.</summary>
    private static void TurnOn(IRenderedComponent<TwoFactorCard> card)
    {
        card.Find("[data-testid=enable-two-factor]").Click();
        card.WaitForElement("[data-testid=qr]");
        var key = card.Find("[data-testid=authenticator-key]").TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        card.Find("input[data-testid=verify-code]").Change(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        card.Find("[data-testid=verify-two-factor]").Click();
    }

    private async Task<StrataUser> FindAsync()
    {
        using var scope = _app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>().FindByEmailAsync(Email))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Refuses, once told to, to save the account with two-factor sign-in on: a save that fails.</summary>
    private sealed class RefusingValidator : IUserValidator<StrataUser>
    {
        public bool RefuseTwoFactor { get; set; }

        public Task<IdentityResult> ValidateAsync(UserManager<StrataUser> manager, StrataUser user) =>
            Task.FromResult(RefuseTwoFactor && user.TwoFactorEnabled
                ? IdentityResult.Failed(new IdentityError { Code = "Refused", Description = "Refused by the test." })
                : IdentityResult.Success);
    }
}
