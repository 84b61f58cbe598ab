using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Dav;

public static class DavStorageRegistration
{
    public static IHostApplicationBuilder AddDavStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<DavOptions>(DavOptions.Section);
        builder.Services.AddSingleton<DavLockStore>();
        builder.Services.AddSingleton<DeadPropertyStore>();
        return builder;
    }
}
