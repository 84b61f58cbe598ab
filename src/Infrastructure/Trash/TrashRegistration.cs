using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.Infrastructure.Trash;

public static class TrashRegistration
{
    /// <summary>The trash's service; it builds on the file service (<c>AddFiles</c>).</summary>
    public static IHostApplicationBuilder AddTrash(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<TrashService>();
        return builder;
    }
}
