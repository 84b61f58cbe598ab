using System.Security.Claims;
using Strata.Domain.Access;
using Strata.Infrastructure.Identity;

namespace Strata.Web.Identity;

public static class CallerExtensions
{
    /// <summary>The signed-in user as the access rules see them; every authenticated scheme issues these claims.</summary>
    public static Caller ToCaller(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The principal has no user id.");
        var name = user.FindFirstValue(ClaimTypes.Name) ?? throw new InvalidOperationException("The principal has no user name.");
        return new Caller(id, name, user.IsInRole(Roles.Admin));
    }
}
