using Strata.Web.Flags;

namespace Strata.Web.Live;

public static class LiveRegistration
{
    public const string HubPath = "/hubs/folders";

    public static IHostApplicationBuilder AddLiveUpdates(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<JournalBroadcaster>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JournalBroadcaster>());
        return builder;
    }

    public static IEndpointRouteBuilder MapLiveUpdates(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<FolderEventsHub>(HubPath).RequireFeature(Infrastructure.Flags.FlagNames.LiveUpdates);
        return endpoints;
    }
}
