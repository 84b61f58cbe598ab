using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Redis;

public static class RedisRegistration
{
    /// <summary>
    /// The shared connection to Redis (<see cref="SharedRedis"/>) and its readiness check when
    /// <c>Strata:Redis:Configuration</c> is set; nothing otherwise. It connects on first use and keeps retrying in the
    /// background, so a host starts while Redis is still coming up.
    /// </summary>
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<RedisOptions>(RedisOptions.Section);
        var redis = builder.RedisSettings();
        if (redis.Configuration is { } configuration)
        {
            builder.Services.AddSingleton(_ => new SharedRedis(ConnectionMultiplexer.Connect(Options(configuration)), redis.Prefix));
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }

        return builder;
    }

    /// <summary>The Redis settings; its configuration is null when this host keeps shared state in its own memory.</summary>
    public static RedisOptions RedisSettings(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.GetSettings<RedisOptions>(RedisOptions.Section);
    }

    /// <summary>As configured, except that a Redis not yet reachable is waited for rather than a failed start.</summary>
    public static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        return options;
    }
}
