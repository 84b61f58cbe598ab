using Microsoft.AspNetCore.Diagnostics;

namespace Strata.Web.Hosting;

/// <summary>
/// Turns malformed-request exceptions raised by the framework (bad JSON, oversized or truncated bodies)
/// into 400 problem details; anything else stays a 500 from the default handler.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            Exception = exception,
        });
    }
}
