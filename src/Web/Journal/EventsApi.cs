using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Strata.Infrastructure.Journal;
using Strata.Web.Identity;

namespace Strata.Web.Journal;

/// <summary><c>/api/v1/events?after=N</c>: the journal as the caller may see it, oldest first, paged by sequence.</summary>
public static class EventsApi
{
    private const int DefaultLimit = 200;
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/events", ListAsync).RequireAuthorization().WithTags("Events").WithName("ListEvents")
            .WithSummary("The journal of changes the caller may see, oldest first, a page at a time.");
        return endpoints;
    }

    public static async Task<Ok<EventPage>> ListAsync(
        HttpContext http, JournalReader journal, [FromQuery] long? after, [FromQuery] int? limit, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        var events = await journal.ReadAsync(http.User.ToCaller(), after ?? 0, size, cancellationToken);
        var cursor = events.Count > 0 ? events[^1].Sequence : after ?? 0;
        return TypedResults.Ok(new EventPage(events, cursor, events.Count == size));
    }
}

/// <summary>A page of events; pass <see cref="Next"/> as <c>after</c> to continue.</summary>
public sealed record EventPage(IReadOnlyList<EventView> Events, long Next, bool HasMore);
