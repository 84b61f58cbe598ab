using System.Security.Claims;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Strata.Web.Flags;

/// <summary>Targets flags by user name, and by the user's roles as groups.</summary>
internal sealed class UserTargetingContext(IHttpContextAccessor http) : ITargetingContextAccessor
{
    public ValueTask<TargetingContext> GetContextAsync()
    {
        var user = http.HttpContext?.User;
        return ValueTask.FromResult(new TargetingContext
        {
            UserId = user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.Name) : null,
            Groups = user?.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList() ?? [],
        });
    }
}
