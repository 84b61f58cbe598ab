using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Strata.Infrastructure.Identity;

namespace Strata.Web.Identity;

/// <summary><c>/api/v1/admin/users</c>: accounts for provisioning scripts and the admin pages.</summary>
public static class AdminUsersApi
{
    public static IEndpointRouteBuilder MapAdminUsersApi(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/v1/admin/users").RequireAuthorization(IdentityRegistration.AdminPolicy).WithTags("Administration");
        users.MapGet("/", async (AccountService accounts, CancellationToken cancellationToken) => TypedResults.Ok(await accounts.ListUsersAsync(cancellationToken)))
            .WithName("ListUsers").WithSummary("Every account, with its role and state.");
        users.MapPost("/", CreateAsync).WithName("CreateUser").WithSummary("Creates an account and its private folder.");
        users.MapPost("/{id}/disable", (string id, AccountService accounts) => SetDisabledAsync(id, true, accounts)).WithName("DisableUser")
            .WithSummary("Disables an account; its sessions end and it can no longer sign in.");
        users.MapPost("/{id}/enable", (string id, AccountService accounts) => SetDisabledAsync(id, false, accounts)).WithName("EnableUser").WithSummary("Enables a disabled account again.");
        users.MapPost("/{id}/password", ResetPasswordAsync).WithName("ResetUserPassword").WithSummary("Sets a new password chosen by the administrator.");
        users.MapPost("/{id}/two-factor/reset", ResetTwoFactorAsync).WithName("ResetUserTwoFactor")
            .WithSummary("Turns two-factor sign-in off and replaces the authenticator key; the account's sessions end.");
        return endpoints;
    }

    public static async Task<Results<Created<UserSummary>, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return Problem(StatusCodes.Status400BadRequest, "email and password are required.");
        }

        var (result, created) = await accounts.CreateUserAsync(request.Email.Trim(), request.DisplayName, request.Password, request.IsAdmin, cancellationToken);
        if (created is null)
        {
            var duplicate = result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
            return Problem(duplicate ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, AccountService.Describe(result));
        }

        return TypedResults.Created($"/api/v1/admin/users/{Uri.EscapeDataString(created.Id)}", created);
    }

    public static async Task<Results<Ok<UserSummary>, ProblemHttpResult>> SetDisabledAsync(string id, bool disabled, AccountService accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return await accounts.SetDisabledAsync(id, disabled) is { } user ? TypedResults.Ok(user) : Missing(id);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ResetPasswordAsync(string id, ResetPasswordRequest request, AccountService accounts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(accounts);
        if (string.IsNullOrEmpty(request.Password))
        {
            return Problem(StatusCodes.Status400BadRequest, "password is required.");
        }

        return await accounts.ResetPasswordAsync(id, request.Password) switch
        {
            null => Missing(id),
            { Succeeded: true } => TypedResults.NoContent(),
            var failed => Problem(StatusCodes.Status400BadRequest, AccountService.Describe(failed)),
        };
    }

    public static async Task<Results<Ok<UserSummary>, ProblemHttpResult>> ResetTwoFactorAsync(string id, AccountService accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return await accounts.ResetTwoFactorAsync(id) is { } user ? TypedResults.Ok(user) : Missing(id);
    }

    private static ProblemHttpResult Missing(string id) => Problem(StatusCodes.Status404NotFound, $"There is no user '{id}'.");

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);
}

public sealed record CreateUserRequest(string? Email, string? Password, bool IsAdmin = false, string? DisplayName = null);

public sealed record ResetPasswordRequest(string? Password);
