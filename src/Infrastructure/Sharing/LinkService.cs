using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Domain.Sharing;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Sharing;

/// <summary>What the owner asks for when creating a link; <see cref="Kind"/> <c>upload</c> makes a file request for a folder.</summary>
public sealed record LinkRequest(
    string? Path,
    string? Password,
    DateTimeOffset? ExpiresAt,
    int? MaxDownloads,
    bool PreviewOnly,
    [property: JsonConverter(typeof(JsonStringEnumConverter<LinkKind>))] LinkKind Kind = LinkKind.Download);

/// <summary>
/// A link as its owner (or an administrator) sees it: never the token or the password hash. A <see cref="Suspended"/>
/// link answers 404 because its creator may no longer create it (see <see cref="LinkService"/>).
/// </summary>
public sealed record LinkView(
    long Id,
    string Path,
    bool IsFolder,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    bool HasPassword,
    int? MaxDownloads,
    int Downloads,
    bool PreviewOnly,
    [property: JsonConverter(typeof(JsonStringEnumConverter<LinkKind>))] LinkKind Kind,
    bool Suspended = false);

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

/// <summary>
/// The outcome of opening a link; <see cref="Node"/> and <see cref="Creator"/> are set when <see cref="Outcome"/> is Ok
/// (a link opens only while its creator's account is enabled and may still create it): visitors read with the
/// creator's rights, and their files are committed in the creator's name.
/// </summary>
public sealed record LinkAccess(LinkOutcome Outcome, long LinkId, NodeInfo? Node, bool PreviewOnly, LinkKind Kind = LinkKind.Download, Caller? Creator = null)
{
    /// <summary>What the opened link lets a visitor reach; null unless it opened.</summary>
    public LinkScope? Scope() =>
        this is { Outcome: LinkOutcome.Ok, Node: { } root, Creator: { } creator } ? new LinkScope(LinkId, creator, root, PreviewOnly) : null;
}

/// <summary>
/// Public links: creation by those who may manage the item (and write into it, for upload links) within the
/// administrator's <see cref="LinkPolicy"/>, resolution for anonymous visitors. Every step is journalled with
/// the link's id (created, opened, downloaded, failed password, revoked, uploaded). Failed password attempts are limited per link and client address (so one attacker cannot lock a link
/// for everyone) and per client address (so tokens cannot be guessed in bulk).
/// A link serves only while its creator could still create it (<see cref="Refuse(AccessEvaluator, NodePath, LinkKind)"/>,
/// checked at every opening): a creator demoted, disabled or deleted suspends their links (404) until they regain the
/// right, or someone who has it creates a new link.
/// </summary>
public sealed partial class LinkService(
    IDbContextFactory<StrataDbContext> dbFactory,
    PermissionService permissions,
    LinkPolicyService policies,
    IPasswordHasher<PublicLink> hasher,
    VerifiedPasswordCache verified,
    FailedAttempts failures,
    IMemoryCache cache,
    TimeProvider clock)
{
    public const int MaxFailuresPerLink = 5;
    public const int MaxFailuresPerAddress = 30;
    private const int MinPasswordLength = 8;
    private static readonly TimeSpan VisitWindow = TimeSpan.FromMinutes(15);

    public async Task<Result<CreatedLink>> CreateAsync(Caller caller, NodePath path, LinkRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var node = await db.Nodes.FindLive(path).AsNoTracking().FirstOrDefaultAsync(cancellationToken);

        // Missing before any right: a free name answers as a hidden one does (AccessEvaluator.Evaluate with exists).
        if (node is null)
        {
            return Result<CreatedLink>.Fail(ResultStatus.NotFound, $"'{path}' does not exist.");
        }

        var refused = Refuse(access, path, request.Kind);
        if (refused is not null)
        {
            return refused;
        }

        // Validated before anything is written: a refused password must not leave an open link behind.
        var now = clock.GetUtcNow();
        var policy = await policies.GetAsync(request.Kind, cancellationToken);
        if ((Invalid(request, now) ?? policy.Violation(request.Password is not null, request.ExpiresAt, now)) is { } invalid)
        {
            return Result<CreatedLink>.Fail(ResultStatus.Invalid, invalid);
        }

        if (request.Kind == LinkKind.Upload && !node.IsFolder)
        {
            return Result<CreatedLink>.Fail(ResultStatus.Invalid, $"'{path}' is a file; upload links are made for folders.");
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var link = new PublicLink
        {
            NodeId = node.Id,
            Kind = request.Kind,
            TokenHash = Hash(token),
            CreatedBy = caller.UserId,
            CreatedAt = now,
            ExpiresAt = request.ExpiresAt,
            MaxDownloads = request.MaxDownloads,
            PreviewOnly = request.PreviewOnly,
        };
        if (request.Password is not null)
        {
            link.PasswordHash = hasher.HashPassword(link, request.Password);
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PublicLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        db.Journal.Add(LinkEvents.For(JournalEventType.LinkCreated, link.Id, node, caller.UserId, now, new Dictionary<string, string> { ["kind"] = link.Kind.ToString() }));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result<CreatedLink>.Created(new CreatedLink(View(link, node.Path, node.IsFolder), token));
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

        var now = clock.GetUtcNow();
        var found = await (
                from l in links
                join n in db.Nodes on l.NodeId equals n.Id
                from u in db.Users.Where(u => u.Id == l.CreatedBy).DefaultIfEmpty()
                select new
                {
                    l.CreatedBy,
                    View = new LinkView(l.Id, n.Path, n.IsFolder, l.CreatedAt, l.ExpiresAt, l.PasswordHash != null, l.MaxDownloads, l.Downloads, l.PreviewOnly, l.Kind, false),
                    CreatorName = u.UserName,
                    CreatorEnabled = u.LockoutEnd == null || u.LockoutEnd <= now,
                    CreatorIsAdmin = db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Admin)),
                })
            .ToListAsync(cancellationToken);

        var views = new List<LinkView>(found.Count);
        foreach (var link in found)
        {
            // A deleted creator has no name here, like a disabled one no right: either suspends the link.
            var creator = link.CreatorName is { } name && link.CreatorEnabled ? new Caller(link.CreatedBy, name, link.CreatorIsAdmin) : null;
            views.Add(link.View with { Suspended = !await CreatorMayKeepAsync(creator, link.View.Path, link.View.Kind, cancellationToken) });
        }

        return views;
    }

    /// <summary>Revokes a link of the caller's (any link for an administrator); someone else's link does not exist for them.</summary>
    public async Task<bool> RevokeAsync(Caller caller, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var revoked = await db.PublicLinks
            .Where(l => l.Id == id && l.RevokedAt == null && (caller.IsAdmin || l.CreatedBy == caller.UserId))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), cancellationToken) > 0;
        if (revoked)
        {
            await AppendAsync(db, JournalEventType.LinkRevoked, id, caller.UserId, details: null, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        return revoked;
    }

    /// <summary>Opens a download link for a visitor at <paramref name="clientAddress"/>; an upload link is not found here.</summary>
    public Task<LinkAccess> OpenAsync(string token, string? password, string clientAddress, CancellationToken cancellationToken) =>
        OpenAsync(token, password, clientAddress, LinkKind.Download, cancellationToken);

    /// <summary>
    /// Opens a link of <paramref name="kind"/> (any kind when null) for a visitor at <paramref name="clientAddress"/>,
    /// checking the password if it has one. A link of another kind is answered like an unknown one.
    /// </summary>
    public Task<LinkAccess> OpenAsync(string token, string? password, string clientAddress, LinkKind? kind, CancellationToken cancellationToken) =>
        OpenLinkAsync(token, password, provenLinkId: null, clientAddress, kind, cancellationToken);

    /// <summary>
    /// Opens a link in one query of the link, its item and its creator. The password is checked unless
    /// <paramref name="provenLinkId"/> names this link (the visitor proved it earlier).
    /// </summary>
    private async Task<LinkAccess> OpenLinkAsync(string token, string? password, long? provenLinkId, string clientAddress, LinkKind? kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (await failures.CountAsync(("link-address", clientAddress)) >= MaxFailuresPerAddress)
        {
            return new LinkAccess(LinkOutcome.TooManyAttempts, 0, null, false);
        }

        var hash = Hash(token);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await (
                from l in db.PublicLinks.AsNoTracking().Where(l => l.TokenHash == hash && l.RevokedAt == null)
                join n in db.Nodes.Where(n => n.TrashedAt == null) on l.NodeId equals n.Id
                from u in db.Users.Where(u => u.Id == l.CreatedBy).DefaultIfEmpty()
                select new
                {
                    Link = l,
                    Node = n,
                    CreatorName = u.UserName,
                    CreatorEnabled = u.LockoutEnd == null || u.LockoutEnd <= now,
                    CreatorIsAdmin = db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Admin)),
                })
            .FirstOrDefaultAsync(cancellationToken);
        var creator = found?.CreatorName is { } creatorName ? new Caller(found.Link.CreatedBy, creatorName, found.CreatorIsAdmin) : null;
        if (found is null || found.Link.Kind != (kind ?? found.Link.Kind) || found.Link.ExpiresAt <= now || found.Link.Downloads >= found.Link.MaxDownloads
            || !await CreatorMayKeepAsync(found.CreatorEnabled ? creator : null, found.Node.Path, found.Link.Kind, cancellationToken))
        {
            await failures.RecordAsync(("link-address", clientAddress));
            return new LinkAccess(LinkOutcome.NotFound, 0, null, false);
        }

        var link = found.Link;
        var proven = link.PasswordHash is not null && link.Id == provenLinkId;
        if (link.PasswordHash is not null)
        {
            if (await failures.CountAsync(("link", link.Id, clientAddress)) >= MaxFailuresPerLink)
            {
                return new LinkAccess(LinkOutcome.TooManyAttempts, link.Id, null, false);
            }

            if (!proven && (password is null || !PasswordMatches(link, password)))
            {
                if (password is not null)
                {
                    await failures.RecordAsync(("link", link.Id, clientAddress));
                    await failures.RecordAsync(("link-address", clientAddress));
                    db.Journal.Add(LinkEvents.For(JournalEventType.LinkPasswordFailed, link.Id, found.Node, actor: null, now, Address(clientAddress)));
                    await db.SaveChangesAsync(cancellationToken);
                }

                return new LinkAccess(LinkOutcome.PasswordRequired, link.Id, null, link.PreviewOnly, link.Kind);
            }
        }

        // A proven visitor's visit was journalled when they unlocked the link.
        if (!proven)
        {
            await RecordOpenedAsync(db, link.Id, found.Node, clientAddress, now, cancellationToken);
        }

        return new LinkAccess(LinkOutcome.Ok, link.Id, NodeInfo.From(found.Node), link.PreviewOnly, link.Kind, creator);
    }

    /// <summary>
    /// Checks a visitor's password for the link, remembering a right one briefly: a tus upload sends it with every
    /// request. The stored hash is the stamp, so a new password (or the same one hashed anew) is checked afresh.
    /// </summary>
    private bool PasswordMatches(PublicLink link, string password)
    {
        var subject = "link:" + link.Id.ToString(CultureInfo.InvariantCulture);
        if (verified.IsVerified(subject, link.PasswordHash, password))
        {
            return true;
        }

        if (hasher.VerifyHashedPassword(link, link.PasswordHash!, password) == PasswordVerificationResult.Failed)
        {
            return false;
        }

        verified.Remember(subject, link.PasswordHash, password);
        return true;
    }

    /// <summary>Counts one download if the link has downloads left, journalling it; false when it is used up.</summary>
    public async Task<bool> CountDownloadAsync(long linkId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        // One conditional update: two visitors racing for the last download cannot both win.
        var counted = await db.PublicLinks
            .Where(l => l.Id == linkId && (l.MaxDownloads == null || l.Downloads < l.MaxDownloads))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Downloads, l => l.Downloads + 1), cancellationToken) > 0;
        if (counted)
        {
            await AppendAsync(db, JournalEventType.LinkDownloaded, linkId, actor: null, details: null, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        return counted;
    }

    /// <summary>
    /// Journals a visitor's visit once per link and client address in <see cref="VisitWindow"/>: every
    /// request of a visitor (each tus chunk, each file of a folder) opens the link, and the owner wants visits.
    /// </summary>
    private async Task RecordOpenedAsync(StrataDbContext db, long linkId, Node node, string clientAddress, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = ("link-opened", linkId, clientAddress);
        if (cache.TryGetValue(key, out _))
        {
            return;
        }

        cache.Set(key, true, VisitWindow);
        db.Journal.Add(LinkEvents.For(JournalEventType.LinkOpened, linkId, node, actor: null, now, Address(clientAddress)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Appends an event about a link, at the path its item has now.</summary>
    private async Task AppendAsync(StrataDbContext db, JournalEventType type, long linkId, string? actor, IReadOnlyDictionary<string, string>? details, CancellationToken cancellationToken)
    {
        var node = await db.PublicLinks.Where(l => l.Id == linkId).Join(db.Nodes, l => l.NodeId, n => n.Id, (l, n) => n).AsNoTracking().FirstAsync(cancellationToken);
        db.Journal.Add(LinkEvents.For(type, linkId, node, actor, clock.GetUtcNow(), details));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// True while <paramref name="creator"/> (null when disabled or deleted) could still create a link of
    /// <paramref name="kind"/> on the item at <paramref name="path"/>: the condition of the link's service.
    /// </summary>
    private async Task<bool> CreatorMayKeepAsync(Caller? creator, string path, LinkKind kind, CancellationToken cancellationToken) =>
        creator is not null && Refuse(await permissions.ForAsync(creator, cancellationToken), NodePath.Parse(path), kind) is null;

    /// <summary>
    /// Who may have a link of <paramref name="kind"/> on <paramref name="path"/>: to create it, and for it to keep serving.
    /// Sharing takes the right to manage the item; a file request adds files in the creator's name, so it takes the
    /// right to write there as well.
    /// </summary>
    private static Result<CreatedLink>? Refuse(AccessEvaluator access, NodePath path, LinkKind kind) =>
        Refuse(access, path, Operation.Manage) ?? (kind == LinkKind.Upload ? Refuse(access, path, Operation.Write) : null);

    private static Result<CreatedLink>? Refuse(AccessEvaluator access, NodePath path, Operation operation) => access.Evaluate(path, operation) switch
    {
        AccessDecision.Hidden => Result<CreatedLink>.Fail(ResultStatus.NotFound, $"'{path}' does not exist."),
        AccessDecision.Denied => Result<CreatedLink>.Fail(ResultStatus.Forbidden, operation == Operation.Manage ? $"You may not share '{path}'." : $"You may not write into '{path}'."),
        _ => null,
    };

    /// <summary>What is wrong with the request's own terms, whatever the policy.</summary>
    private static string? Invalid(LinkRequest request, DateTimeOffset now)
    {
        if (request.Password is { } password && password.Length < MinPasswordLength)
        {
            return $"A link password has at least {MinPasswordLength} characters.";
        }

        if (request.ExpiresAt is { } expires && expires <= now)
        {
            return "expiresAt must be in the future.";
        }

        if (request.MaxDownloads is < 1)
        {
            return "maxDownloads must be at least 1.";
        }

        return request.Kind == LinkKind.Upload && (request.MaxDownloads is not null || request.PreviewOnly)
            ? "maxDownloads and previewOnly apply to download links only."
            : null;
    }

    private static Dictionary<string, string> Address(string clientAddress) => new() { ["address"] = clientAddress };

    private static LinkView View(PublicLink link, string path, bool isFolder) =>
        new(link.Id, path, isFolder, link.CreatedAt, link.ExpiresAt, link.PasswordHash is not null, link.MaxDownloads, link.Downloads, link.PreviewOnly, link.Kind);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
