using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Domain.Sharing;

namespace Strata.Infrastructure.Sharing;

/// <summary>
/// What an opened link lets a visitor reach: the sub-tree under <see cref="Root"/>, read through the access rules of
/// <see cref="Creator"/>, so a link never shows what its creator could not read today (a revoked grant or an
/// explicit no-access folder inside the tree closes that part of the link too).
/// </summary>
public sealed record LinkScope(long LinkId, Caller Creator, NodeInfo Root, bool PreviewOnly)
{
    /// <summary>
    /// The item at <paramref name="relative"/> (segments separated by '/', e.g. <c>docs/2024</c>) inside the link.
    /// Each segment must be a valid name, so <c>..</c>, <c>\</c>, NUL and the like are refused rather than resolved,
    /// and the result is built by appending segments to the root: it cannot leave the sub-tree, whatever the input.
    /// A file link has no inside: only the empty path resolves.
    /// </summary>
    public bool TryResolve(string? relative, out NodePath path)
    {
        var root = NodePath.Parse(Root.Path);
        path = root;
        foreach (var segment in (relative ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Root.IsFolder || !NodeName.TryCreate(segment, out var name, out _))
            {
                return false;
            }

            path = path.Append(name);
        }

        // Ancestry by segments, never by string prefix: a second line behind the construction above.
        return path.IsSameOrDescendantOf(root);
    }

    /// <summary>An item's path as the visitor sees it: relative to the link's root, without a leading '/'.</summary>
    public string RelativePath(NodeInfo item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var path = NodePath.Parse(item.Path);
        return string.Join('/', path.Segments.Skip(NodePath.Parse(Root.Path).Depth).Select(s => s.Value));
    }
}

public sealed partial class LinkService
{
    /// <summary>
    /// Opens a password link whose password this visitor proved earlier (the landing page's unlock cookie names the
    /// link it was issued for). Every other check — revoked, expired, used up, throttled — runs as on a first visit.
    /// </summary>
    public Task<LinkAccess> OpenProvenAsync(string token, long provenLinkId, string clientAddress, LinkKind? kind, CancellationToken cancellationToken) =>
        OpenLinkAsync(token, password: null, provenLinkId, clientAddress, kind, cancellationToken);

    /// <summary>How many files visitors sent through each of the given upload links (links without any are left out).</summary>
    public async Task<IReadOnlyDictionary<long, int>> UploadCountsAsync(IReadOnlyCollection<long> linkIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(linkIds);
        var uploaded = nameof(JournalEventType.LinkUploaded);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Journal.AsNoTracking()
            .Where(e => e.Type == uploaded && e.LinkId != null && linkIds.Contains(e.LinkId.Value))
            .GroupBy(e => e.LinkId!.Value)
            .Select(g => new { LinkId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.LinkId, g => g.Count, cancellationToken);
    }

    /// <summary>Who created each of the given links (user ids), for an administrator's list of everyone's links.</summary>
    public async Task<IReadOnlyDictionary<long, string>> CreatorsAsync(IReadOnlyCollection<long> linkIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(linkIds);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PublicLinks.AsNoTracking()
            .Where(l => linkIds.Contains(l.Id))
            .ToDictionaryAsync(l => l.Id, l => l.CreatedBy, cancellationToken);
    }
}
