using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;
using Strata.Infrastructure.Redis;

namespace Strata.Web.Hosting;

public static class ScaleOutRegistration
{
    private const string ApplicationName = "Strata";

    /// <summary>
    /// With Redis configured, what the web hosts of one installation must share: the Data Protection key ring (a
    /// sign-in cookie, an antiforgery token or a link's proof issued by one host is read by every other) and the
    /// SignalR backplane (a push from any host reaches a browser connected to any other). Without it, nothing.
    /// </summary>
    public static WebApplicationBuilder AddScaleOut(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.RedisSettings();
        if (settings.Configuration is not { } redis)
        {
            return builder;
        }

        // The application name isolates key rings; by default it is the content root, which differs between hosts
        // deployed to different folders, so it is fixed here.
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<SharedRedis>((o, shared) =>
            o.XmlRepository = new RedisXmlRepository(() => shared.Database, shared.Key("data-protection-keys")));
        builder.Services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = RedisRegistration.Options(redis);
            o.Configuration.ChannelPrefix = RedisChannel.Literal(settings.Prefix);
        });
        return builder;
    }
}
