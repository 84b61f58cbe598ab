using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.Infrastructure.Dav;

public static class DavStorageRegistration
{
    public static IHostApplicationBuilder AddDavStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DavOptions>().BindConfiguration(DavOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DavLockStore>();
        builder.Services.AddSingleton<DeadPropertyStore>();
        return builder;
    }
}
