using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Sharing;

/// <summary>What the owner asks for when creating a link.</summary>
public sealed record LinkRequest(string? Path, string? Password, DateTimeOffset? ExpiresAt, int? MaxDownloads, bool PreviewOnly);

/// <summary>A link as its owner (or an administrator) sees it: never the token or the password hash.</summary>
public sealed record LinkView(long Id, string Path, bool IsFolder, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, bool HasPassword, int? MaxDownloads, int Downloads, bool PreviewOnly);

/// <summary>A new link with its token, which is shown this once.</summary>
public sealed record CreatedLink(LinkView Link, string Token);

public enum LinkOutcome
{
    Ok,

    /// <summary>Unknown, revoked, expired, used up or its item deleted: one answer, so none can be told apart.</summary>
    NotFound,

    PasswordRequired,
    TooManyAttempts,
}

/// <summary>The outcome of opening a link; <see cref="Node"/> is set when <see cref="Outcome"/> is Ok.</summary>
public sealed record LinkAccess(LinkOutcome Outcome, long LinkId, NodeInfo? Node, bool PreviewOnly);

/// <summary>
/// Public links: creation by those who may manage the item, resolution for anonymous visitors.
/// Failed password attempts are limited per link and client address (so one attacker cannot lock a link
/// for everyone) and per client address (so tokens cannot be guessed in bulk).
/// </summary>
public sealed partial class LinkService(IDbContextFactory<StrataDbContext> dbFactory, PermissionService permissions, IMemoryCache cache, TimeProvider clock)
{
    public const int MaxFailuresPerLink = 5;
    public const int MaxFailuresPerAddress = 30;
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);
    private const int MinPasswordLength = 8;
    private static readonly PasswordHasher<PublicLink> Hasher = new();

    public async Task<FsResult<CreatedLink>> CreateAsync(Caller caller, NodePath path, LinkRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var access = await permissions.ForAsync(caller, cancellationToken);
        switch (access.Evaluate(path, Operation.Manage))
        {
            case AccessDecision.Hidden:
                return FsResult<CreatedLink>.Fail(FsStatus.NotFound, $"'{path}' does not exist.");
            case AccessDecision.Denied:
                return FsResult<CreatedLink>.Fail(FsStatus.Forbidden, $"You may not share '{path}'.");
        }

        // Validated before anything is written: a refused password must not leave an open link behind.
        if (request.Password is { } password && password.Length < MinPasswordLength)
        {
            return FsResult<CreatedLink>.Fail(FsStatus.Invalid, $"A link password has at least {MinPasswordLength} characters.");
        }

        if (request.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
        {
            return FsResult<CreatedLink>.Fail(FsStatus.Invalid, "expiresAt must be in the future.");
        }

        if (request.MaxDownloads is < 1)
        {
            return FsResult<CreatedLink>.Fail(FsStatus.Invalid, "maxDownloads must be at least 1.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var node = await FileService.FindLive(db, path).AsNoTracking().Select(n => new { n.Id, n.Path, n.IsFolder }).FirstOrDefaultAsync(cancellationToken);
        if (node is null)
        {
            return FsResult<CreatedLink>.Fail(FsStatus.NotFound, $"'{path}' does not exist.");
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var link = new PublicLink
        {
            NodeId = node.Id,
            TokenHash = Hash(token),
            CreatedBy = caller.UserId,
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = request.ExpiresAt,
            MaxDownloads = request.MaxDownloads,
            PreviewOnly = request.PreviewOnly,
        };
        if (request.Password is not null)
        {
            link.PasswordHash = Hasher.HashPassword(link, request.Password);
        }

        db.PublicLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return FsResult<CreatedLink>.Created(new CreatedLink(View(link, node.Path, node.IsFolder), token));
    }

    /// <summary>The caller's live links; an administrator sees everyone's.</summary>
    public async Task<IReadOnlyList<LinkView>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var links = db.PublicLinks.AsNoTracking().Where(l => l.RevokedAt == null);
        if (!caller.IsAdmin)
        {
            links = links.Where(l => l.CreatedBy == caller.UserId);
        }

        return await links
            .Join(db.Nodes, l => l.NodeId, n => n.Id, (l, n) => new LinkView(l.Id, n.Path, n.IsFolder, l.CreatedAt, l.ExpiresAt, l.PasswordHash != null, l.MaxDownloads, l.Downloads, l.PreviewOnly))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Revokes a link of the caller's (any link for an administrator); someone else's link does not exist for them.</summary>
    public async Task<bool> RevokeAsync(Caller caller, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.PublicLinks
            .Where(l => l.Id == id && l.RevokedAt == null && (caller.IsAdmin || l.CreatedBy == caller.UserId))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), cancellationToken) > 0;
    }

    /// <summary>Opens a link for a visitor at <paramref name="clientAddress"/>, checking the password if it has one.</summary>
    public async Task<LinkAccess> OpenAsync(string token, string? password, string clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (Failures(("link-address", clientAddress)) >= MaxFailuresPerAddress)
        {
            return new LinkAccess(LinkOutcome.TooManyAttempts, 0, null, false);
        }

        var hash = Hash(token);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.PublicLinks.AsNoTracking()
            .Where(l => l.TokenHash == hash && l.RevokedAt == null)
            .Join(db.Nodes.Where(n => n.TrashedAt == null), l => l.NodeId, n => n.Id, (l, n) => new { Link = l, Node = n })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null || found.Link.ExpiresAt <= now || found.Link.Downloads >= found.Link.MaxDownloads)
        {
            Fail(("link-address", clientAddress));
            return new LinkAccess(LinkOutcome.NotFound, 0, null, false);
        }

        var link = found.Link;
        if (link.PasswordHash is not null)
        {
            if (Failures(("link", link.Id, clientAddress)) >= MaxFailuresPerLink)
            {
                return new LinkAccess(LinkOutcome.TooManyAttempts, link.Id, null, false);
            }

            if (password is null || Hasher.VerifyHashedPassword(link, link.PasswordHash, password) == PasswordVerificationResult.Failed)
            {
                if (password is not null)
                {
                    Fail(("link", link.Id, clientAddress));
                    Fail(("link-address", clientAddress));
                }

                return new LinkAccess(LinkOutcome.PasswordRequired, link.Id, null, link.PreviewOnly);
            }
        }

        return new LinkAccess(LinkOutcome.Ok, link.Id, NodeInfo.From(found.Node), link.PreviewOnly);
    }

    /// <summary>Counts one download if the link has downloads left; false when it is used up.</summary>
    public async Task<bool> CountDownloadAsync(long linkId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One conditional update: two visitors racing for the last download cannot both win.
        return await db.PublicLinks
            .Where(l => l.Id == linkId && (l.MaxDownloads == null || l.Downloads < l.MaxDownloads))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Downloads, l => l.Downloads + 1), cancellationToken) > 0;
    }

    private int Failures(object key) => cache.TryGetValue(key, out FailureCount? count) ? count!.Value : 0;

    private void Fail(object key)
    {
        var count = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = FailureWindow;
            return new FailureCount();
        })!;
        Interlocked.Increment(ref count.Value);
    }

    private static LinkView View(PublicLink link, string path, bool isFolder) =>
        new(link.Id, path, isFolder, link.CreatedAt, link.ExpiresAt, link.PasswordHash is not null, link.MaxDownloads, link.Downloads, link.PreviewOnly);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class FailureCount
    {
        public int Value;
    }
}
