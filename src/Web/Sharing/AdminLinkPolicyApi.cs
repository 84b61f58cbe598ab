using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Domain.Sharing;
using Strata.Infrastructure.Sharing;
using Strata.Web.Identity;

namespace Strata.Web.Sharing;

/// <summary><c>/api/v1/admin/link-policy</c>: the rules new links must follow, per kind of link.</summary>
public static class AdminLinkPolicyApi
{
    public static IEndpointRouteBuilder MapAdminLinkPolicyApi(this IEndpointRouteBuilder endpoints)
    {
        var policy = endpoints.MapGroup("/api/v1/admin/link-policy").RequireAuthorization(IdentityRegistration.AdminPolicy).WithTags("Administration");
        policy.MapGet("/", async (LinkPolicyService policies, CancellationToken cancellationToken) =>
                TypedResults.Ok(LinkPolicyView.From(await policies.GetAllAsync(cancellationToken))))
            .WithName("GetLinkPolicy").WithSummary("The maximum expiry and password rule of download and upload links.");
        policy.MapPut("/", UpdateAsync).WithName("UpdateLinkPolicy").WithSummary("Sets the maximum expiry and whether a password is required, for download and upload links.");
        return endpoints;
    }

    public static async Task<Results<Ok<LinkPolicyView>, ProblemHttpResult>> UpdateAsync(
        LinkPolicyView request, ClaimsPrincipal principal, LinkPolicyService policies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // JSON can leave out what the record's types promise.
        if (request.Download is null || request.Upload is null)
        {
            return TypedResults.Problem(detail: "Send both 'download' and 'upload' policies.", statusCode: StatusCodes.Status400BadRequest);
        }

        var settings = new Dictionary<LinkKind, LinkPolicySettings> { [LinkKind.Download] = request.Download, [LinkKind.Upload] = request.Upload };
        if (await policies.SetAsync(settings, principal.FindFirstValue(ClaimTypes.Name), cancellationToken) is { } error)
        {
            return TypedResults.Problem(detail: error, statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Ok(LinkPolicyView.From(await policies.GetAllAsync(cancellationToken)));
    }
}

/// <summary>The link policy for both kinds of link; a null <c>maxExpiryDays</c> means no limit.</summary>
public sealed record LinkPolicyView(LinkPolicySettings Download, LinkPolicySettings Upload)
{
    public static LinkPolicyView From(IReadOnlyList<LinkPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return new(Settings(policies, LinkKind.Download), Settings(policies, LinkKind.Upload));
    }

    private static LinkPolicySettings Settings(IReadOnlyList<LinkPolicy> policies, LinkKind kind)
    {
        var policy = policies.Single(p => p.Kind == kind);
        return new LinkPolicySettings(policy.MaxExpiryDays, policy.RequirePassword);
    }
}
