using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.FeatureManagement;
using Strata.Infrastructure.Flags;

namespace Strata.Web.Flags;

/// <summary>
/// Marks an endpoint (API group, hub, WebDAV catch-all) as behind a feature flag. With <paramref name="AnyAudience"/>
/// the endpoint stays open while the flag is on for anyone at all, rather than only for callers in its audience.
/// </summary>
public sealed record RequiresFeature(string Flag, bool AnyAudience = false);

/// <summary>
/// Feature flags as kill switches for front doors: an endpoint marked with <see cref="RequiresFeature"/>
/// answers 503 with Retry-After while its flag is off for the caller, whatever kind of endpoint it is.
/// </summary>
public static class FeatureGates
{
    /// <summary>How long clients should wait before retrying a switched-off front door.</summary>
    public const int RetryAfterSeconds = 60;

    public static TBuilder RequireFeature<TBuilder>(this TBuilder builder, string flag)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresFeature(flag));

    /// <summary>
    /// As <see cref="RequireFeature{TBuilder}"/>, but shut only when the flag is switched off, not when the caller is
    /// outside its audience: for anonymous probes made before a sign-in, whose caller is in no audience.
    /// </summary>
    public static TBuilder RequireFeatureForAnyAudience<TBuilder>(this TBuilder builder, string flag)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresFeature(flag, AnyAudience: true));

    public static IApplicationBuilder UseFeatureGates(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetOrderedMetadata<RequiresFeature>() is { Count: > 0 } gates)
        {
            var features = context.RequestServices.GetRequiredService<IFeatureManager>();
            foreach (var gate in gates)
            {
                var open = gate.AnyAudience
                    ? (await context.RequestServices.GetRequiredService<FlagStore>().FindAsync(gate.Flag, context.RequestAborted))?.Enabled == true
                    : await features.IsEnabledAsync(gate.Flag);
                if (!open)
                {
                    await WriteClosedAsync(context, gate.Flag);
                    return;
                }
            }
        }

        await next(context);
    });

    public static Task WriteClosedAsync(HttpContext context, string flag)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Closed(context.Response, flag).ExecuteAsync(context);
    }

    /// <summary>The answer of a switched-off front door, for endpoints that decide by what the request asks for.</summary>
    public static ProblemHttpResult Closed(HttpResponse response, string flag)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            detail: $"The {flag} feature is switched off by an administrator.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Feature disabled");
    }
}
