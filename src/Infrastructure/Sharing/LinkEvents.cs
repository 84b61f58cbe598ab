using System.Text.Json;
using Strata.Domain.Files;
using Strata.Domain.Journal;

namespace Strata.Infrastructure.Sharing;

/// <summary>Journal entries about public links: they carry the link's id, which keeps them private to its creator and administrators.</summary>
internal static class LinkEvents
{
    public static JournalEvent For(JournalEventType type, long linkId, Node node, string? actor, DateTimeOffset at, IReadOnlyDictionary<string, string>? details = null)
    {
        var change = JournalEvent.About(type, node, actor, at);
        change.LinkId = linkId;
        change.Details = details is { Count: > 0 } ? JsonSerializer.Serialize(details) : null;
        return change;
    }
}
