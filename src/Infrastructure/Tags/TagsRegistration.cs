using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.Infrastructure.Tags;

public static class TagsRegistration
{
    /// <summary>The tags and favorites service; it builds on sharing's permission service (<c>AddSharing</c>).</summary>
    public static IHostApplicationBuilder AddTags(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<TagService>();
        return builder;
    }
}
