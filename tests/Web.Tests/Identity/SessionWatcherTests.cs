using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Strata.Web.Identity;

namespace Strata.Web.Tests.Identity;

/// <summary>An open page whose session is revoked goes to the sign-in page with a full load, coming back where it was.</summary>
public sealed class SessionWatcherTests : IDisposable
{
    private readonly BunitContext _bunit = new();

    [Fact]
    public void A_revoked_session_forces_a_load_of_the_sign_in_page()
    {
        var auth = _bunit.AddAuthorization();
        auth.SetAuthorized("alice");
        var navigation = _bunit.Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("/files/Shared/Team");
        _bunit.Render<SessionWatcher>();

        auth.SetNotAuthorized();

        var signIn = navigation.History.First();
        signIn.Uri.ShouldBe("/account/login?ReturnUrl=%2Ffiles%2FShared%2FTeam");
        signIn.Options.ForceLoad.ShouldBeTrue();
    }

    [Fact]
    public void A_session_that_stays_valid_stays_on_the_page()
    {
        var auth = _bunit.AddAuthorization();
        auth.SetAuthorized("alice");
        var navigation = _bunit.Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("/files");
        _bunit.Render<SessionWatcher>();

        auth.SetAuthorized("alice");

        navigation.Uri.ShouldEndWith("/files");
        navigation.History.Count.ShouldBe(1);
    }

    public void Dispose() => _bunit.Dispose();
}
