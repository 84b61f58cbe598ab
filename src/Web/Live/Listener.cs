using System.Security.Claims;
using Microsoft.FeatureManagement.FeatureFilters;
using Strata.Domain.Access;
using Strata.Web.Flags;
using Strata.Web.Identity;

namespace Strata.Web.Live;

/// <summary>Who listens to a folder: their rights decide what they hear, their flag audience whether they hear anything.</summary>
public sealed record Listener(Caller Caller, TargetingContext Audience)
{
    public static Listener Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.ToCaller(), UserTargetingContext.For(user));
    }
}
