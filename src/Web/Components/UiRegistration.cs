using MudBlazor.Services;

namespace Strata.Web.Components;

public static class UiRegistration
{
    public static WebApplicationBuilder AddUi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Library assets (MudBlazor, blazor.web.js) are served from the NuGet cache when running from a
        // build in any environment (dotnet run defaults to Production here); a published app has them in
        // wwwroot and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        // Messages rise from the bottom, clear of the app bar and the folder toolbar they would cover at the top.
        builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter);
        builder.Services.AddScoped<Uploads.UploadPlanner>();
        builder.Services.AddScoped<Layout.BrowserPreferences>();
        builder.Services.AddScoped<Files.FileClipboard>();
        builder.Services.AddSingleton<Identity.ScopedAccounts>();
        return builder;
    }

    public static WebApplication MapUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
