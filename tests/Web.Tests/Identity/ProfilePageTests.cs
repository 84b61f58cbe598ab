using System.Data.Common;
using Bunit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Strata.Web.Identity;

namespace Strata.Web.Tests.Identity;

/// <summary>
/// The profile page over the real Identity stack, with every database read made slow so that the cards'
/// loads overlap the way they can on a busy server.
/// </summary>
public sealed class ProfilePageTests : IAsyncLifetime
{
    private const string Email = "alice@strata.test";
    private readonly BunitContext _bunit = new();
    private readonly StrataAppFactory _app = new() { ConfigureTestServices = s => s.AddSingleton<IInterceptor, SlowReads>() };

    public async ValueTask InitializeAsync() => await ProfileCards.SignInAsync(_bunit, _app, Email);

    [Fact]
    public async Task The_cards_load_side_by_side_and_each_still_acts()
    {
        var page = _bunit.Render<ProfilePage>();

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=credentials]").TextContent.ShouldContain("None yet."));
        await page.WaitForElementAsync("[data-testid=enable-two-factor]");
        page.Find("input[data-testid=current-password]").Change("not my password");
        page.Find("input[data-testid=new-password]").Change("a brand new passphrase");
        page.Find("input[data-testid=confirm-password]").Change("a brand new passphrase");
        page.Find("button[data-testid=change-password]").Click();
        page.Find("[data-testid=enable-two-factor]").Click();

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=password-error]").TextContent.ShouldContain("current password is not right"));
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=qr]").ShouldNotBeNull());
    }

    public async ValueTask DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Every query yields for a moment before it runs, as it does when the server is busy.</summary>
    private sealed class SlowReads : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await Task.Delay(20, cancellationToken);
            return result;
        }
    }
}
