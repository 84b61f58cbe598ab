using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Infrastructure.Flags;
using Strata.Web.Identity;

namespace Strata.Web.Flags;

/// <summary><c>/api/v1/admin/flags</c>: list flags and change their state and audience, live.</summary>
public static class AdminFlagsApi
{
    public static IEndpointRouteBuilder MapAdminFlagsApi(this IEndpointRouteBuilder endpoints)
    {
        var flags = endpoints.MapGroup("/api/v1/admin/flags").RequireAuthorization(IdentityRegistration.AdminPolicy).WithTags("Administration");
        flags.MapGet("/", async (FlagStore store, CancellationToken cancellationToken) =>
                TypedResults.Ok((await store.GetAllAsync(cancellationToken)).Select(FlagView.From)))
            .WithName("ListFlags").WithSummary("Every feature flag with its state and targeting.");
        flags.MapPut("/{name}", UpdateAsync).WithName("UpdateFlag").WithSummary("Turns a flag on or off, or targets users, groups and a rollout percentage.");
        return endpoints;
    }

    public static async Task<Results<Ok<FlagView>, ProblemHttpResult>> UpdateAsync(
        string name, FlagSettings settings, ClaimsPrincipal principal, FlagStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.RolloutPercentage is < 0 or > 100)
        {
            return TypedResults.Problem(detail: "rolloutPercentage must be between 0 and 100.", statusCode: StatusCodes.Status400BadRequest);
        }

        var flag = await store.UpdateAsync(name, settings, principal.FindFirstValue(ClaimTypes.Name), cancellationToken);
        return flag is null
            ? TypedResults.Problem(detail: $"There is no flag '{name}'.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(FlagView.From(flag));
    }
}

public sealed record FlagView(string Name, string Description, bool Enabled, IReadOnlyList<string> Users, IReadOnlyList<string> Groups, int RolloutPercentage, DateTimeOffset UpdatedAt, string? UpdatedBy)
{
    public static FlagView From(FeatureFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return new(flag.Name, flag.Description, flag.Enabled, flag.Users, flag.Groups, flag.RolloutPercentage, flag.UpdatedAt, flag.UpdatedBy);
    }
}
