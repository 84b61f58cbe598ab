using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Strata.Infrastructure.Credentials;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;
using Strata.Web.Identity;

namespace Strata.Web.Tests.Identity;

/// <summary>Renders the profile cards over the real Identity stack of a test host, signed in as one account.</summary>
internal static class ProfileCards
{
    public static async Task SignInAsync(BunitContext bunit, StrataAppFactory app, string email)
    {
        using (await app.CreateUserClientAsync(email))
        {
            // Creates the account.
        }

        using var scope = app.Services.CreateScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>().FindByEmailAsync(email))!;
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.Services.AddMudServices();
        bunit.Services.AddSingleton(app.Services.GetRequiredService<CredentialService>());
        bunit.Services.AddSingleton(app.Services.GetRequiredService<SessionStamps>());
        // Each scope a card opens gets a scope of the real host, disposed with it.
        bunit.Services.AddScoped(_ => app.Services.CreateScope());
        bunit.Services.AddScoped(sp => sp.GetRequiredService<IServiceScope>().ServiceProvider.GetRequiredService<UserManager<StrataUser>>());
        bunit.Services.AddScoped(sp => sp.GetRequiredService<IServiceScope>().ServiceProvider.GetRequiredService<StrataDbContext>());
        var auth = bunit.AddAuthorization();
        auth.SetAuthorized(user.UserName!);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName!));
    }
}
