using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.Infrastructure.Sharing;

public static class SharingRegistration
{
    /// <summary>Groups, folder permissions and the authorization service every front door uses.</summary>
    public static IHostApplicationBuilder AddSharing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<RightsVersion>();
        builder.Services.AddSingleton<PermissionService>();
        builder.Services.AddSingleton<GroupService>();
        builder.Services.AddSingleton<IPasswordHasher<PublicLink>, PasswordHasher<PublicLink>>();
        builder.Services.AddSingleton<LinkService>();
        builder.Services.AddSingleton<LinkPolicyService>();
        return builder;
    }
}
