using Hangfire;
using Strata.Web.Identity;

namespace Strata.Web.Jobs;

public static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    /// <summary>
    /// The Hangfire dashboard for administrators. Hangfire's own filters are replaced by the endpoint's
    /// authorization policy, so the dashboard is guarded like every other endpoint.
    /// </summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard(Path, new DashboardOptions { Authorization = [], AppPath = "/", DashboardTitle = "Strata jobs" })
            .RequireAuthorization(IdentityRegistration.AdminPolicy);
        return endpoints;
    }
}
