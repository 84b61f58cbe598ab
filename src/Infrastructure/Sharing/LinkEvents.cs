using System.Text.Json;
using Strata.Domain.Files;
using Strata.Domain.Journal;

namespace Strata.Infrastructure.Sharing;

/// <summary>Journal entries about public links: they carry the link's id, which keeps them private to its creator and administrators.</summary>
internal static class LinkEvents
{
    public static JournalEvent For(JournalEventType type, long linkId, Node node, string? actor, DateTimeOffset at, IReadOnlyDictionary<string, string>? details = null) => new()
    {
        Type = type.ToString(),
        NodeId = node.Id,
        Path = node.Path,
        PathKey = node.PathKey,
        ActorId = actor,
        At = at,
        IsFolder = node.IsFolder,
        LinkId = linkId,
        Details = details is { Count: > 0 } ? JsonSerializer.Serialize(details) : null,
    };
}
