using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Infrastructure.Identity;

namespace Strata.Web.Identity;

/// <summary><c>/api/v1/setup</c>: the one-time creation of the first administrator on an empty installation.</summary>
public static class SetupApi
{
    public static IEndpointRouteBuilder MapSetupApi(this IEndpointRouteBuilder endpoints)
    {
        var setup = endpoints.MapGroup("/api/v1/setup").AllowAnonymous().WithTags("Setup");
        setup.MapGet("/", async (AccountService accounts, CancellationToken cancellationToken) =>
                TypedResults.Ok(new SetupStatus(await accounts.IsSetupRequiredAsync(cancellationToken))))
            .WithName("GetSetupStatus").WithSummary("Whether the first administrator is yet to be created.");
        setup.MapPost("/", SetUpAsync).WithName("SetUpAdministrator").WithSummary("Creates the first administrator; refused once any account exists.");
        return endpoints;
    }

    public static async Task<Results<Created<SetupStatus>, ProblemHttpResult>> SetUpAsync(SetupRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return Problem(StatusCodes.Status400BadRequest, "email and password are required.");
        }

        var result = await accounts.SetUpAdministratorAsync(request.Email.Trim(), request.Password, cancellationToken);
        if (result is null)
        {
            return Problem(StatusCodes.Status409Conflict, "Strata is already set up; sign in instead.");
        }

        return result.Succeeded
            ? TypedResults.Created("/api/v1/me", new SetupStatus(Required: false))
            : Problem(StatusCodes.Status400BadRequest, AccountService.Describe(result));
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);
}

public sealed record SetupStatus(bool Required);

public sealed record SetupRequest(string? Email, string? Password);
