using Microsoft.FeatureManagement;
using Strata.Infrastructure.Flags;

namespace Strata.Web.Flags;

public static class FlagsRegistration
{
    public static IHostApplicationBuilder AddFlags(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpContextAccessor();
        builder.AddDatabaseFlags().WithTargeting<UserTargetingContext>();
        return builder;
    }
}
