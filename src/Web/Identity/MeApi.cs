using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Strata.Infrastructure.Credentials;
using Strata.Infrastructure.Identity;

namespace Strata.Web.Identity;

/// <summary><c>/api/v1/me</c>: the caller's account, app passwords and personal access tokens.</summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/v1/me").RequireAuthorization().WithTags("Account");
        me.MapGet("/", GetAsync).WithName("GetMe").WithSummary("The signed-in account.");
        me.MapGet("/credentials", ListCredentialsAsync).WithName("ListCredentials").WithSummary("App passwords and tokens, without their secrets.");
        me.MapPost("/credentials", CreateCredentialAsync).WithName("CreateCredential").WithSummary("Makes an app password or token; the secret is shown once.");
        me.MapDelete("/credentials/{id:long}", RevokeCredentialAsync).WithName("RevokeCredential").WithSummary("Revokes an app password or token.");
        return endpoints;
    }

    public static async Task<Results<Ok<MeView>, UnauthorizedHttpResult>> GetAsync(ClaimsPrincipal principal, UserManager<StrataUser> users)
    {
        var user = await users.GetUserAsync(principal);
        return user is null
            ? TypedResults.Unauthorized()
            : TypedResults.Ok(new MeView(user.Id, user.Email!, user.UserName!, principal.IsInRole(Roles.Admin), user.TwoFactorEnabled));
    }

    public static async Task<Ok<IReadOnlyList<CredentialInfo>>> ListCredentialsAsync(ClaimsPrincipal principal, CredentialService credentials, CancellationToken cancellationToken) =>
        TypedResults.Ok(await credentials.ListAsync(principal.ToCaller().UserId, cancellationToken));

    public static async Task<Results<Created<CreatedCredential>, ProblemHttpResult>> CreateCredentialAsync(
        CreateCredentialRequest request, ClaimsPrincipal principal, CredentialService credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CredentialKind? kind = request.Kind switch
        {
            "app_password" => CredentialKind.AppPassword,
            "token" => CredentialKind.Token,
            _ => null,
        };
        if (kind is null)
        {
            return BadRequest("kind must be \"app_password\" or \"token\".");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > CredentialService.MaxNameLength)
        {
            return BadRequest($"name is required and at most {CredentialService.MaxNameLength} characters.");
        }

        var (credential, secret) = await credentials.CreateAsync(principal.ToCaller().UserId, kind.Value, request.Name, cancellationToken);
        return TypedResults.Created($"/api/v1/me/credentials/{credential.Id}", new CreatedCredential(credential, secret));
    }

    public static async Task<Results<NoContent, NotFound>> RevokeCredentialAsync(long id, ClaimsPrincipal principal, CredentialService credentials, CancellationToken cancellationToken) =>
        await credentials.RevokeAsync(principal.ToCaller().UserId, id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
}

public sealed record MeView(string Id, string Email, string UserName, bool IsAdmin, bool TwoFactorEnabled);

/// <param name="Kind"><c>app_password</c> (HTTP Basic with your email) or <c>token</c> (Bearer).</param>
/// <param name="Name">What it is for, e.g. "Laptop WebDAV mount".</param>
public sealed record CreateCredentialRequest(string? Kind, string? Name);

/// <summary>The new credential and its secret, which is not retrievable later.</summary>
public sealed record CreatedCredential(CredentialInfo Credential, string Secret);
