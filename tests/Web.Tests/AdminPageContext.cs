using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Sharing;
using Strata.Web.Identity;

namespace Strata.Web.Tests;

/// <summary>bUnit around an admin page, signed in as the administrator, over the real services on a real SQLite file.</summary>
public sealed class AdminPageContext : IAsyncDisposable
{
    private readonly BunitContext _bunit = new();

    public StrataAppFactory App { get; } = new();

    /// <summary>The whole rendered tree: the page with the dialog, popover and snackbar providers the layout has.</summary>
    public IRenderedComponent<IComponent> Host { get; private set; } = null!;

    public async Task<IRenderedComponent<IComponent>> RenderAsync<TPage>()
        where TPage : IComponent
    {
        using (await App.CreateAdminClientAsync())
        {
        }

        var admin = await FindUserAsync(StrataAppFactory.AdminEmail);
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices();
        _bunit.Services.AddSingleton(new ScopedAccounts(App.Services.GetRequiredService<IServiceScopeFactory>()));
        _bunit.Services.AddSingleton(App.Services.GetRequiredService<GroupService>());
        _bunit.Services.AddSingleton(App.Services.GetRequiredService<UserDirectory>());
        var auth = _bunit.AddAuthorization();
        auth.SetAuthorized(admin!.UserName!);
        auth.SetRoles(Roles.Admin);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id), new Claim(ClaimTypes.Name, admin.UserName!));
        Host = _bunit.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(3);
            builder.CloseComponent();
        });
        return Host;
    }

    public async Task<StrataUser?> FindUserAsync(string email)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>().FindByEmailAsync(email);
    }

    /// <summary>Clicks the button of the open confirmation (message box) that reads <paramref name="text"/>.</summary>
    public void Confirm(string text) =>
        Host.WaitForAssertion(() => Host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text).Click());

    public async ValueTask DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await App.DisposeAsync();
    }
}
