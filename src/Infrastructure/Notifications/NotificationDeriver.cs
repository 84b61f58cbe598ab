using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Domain.Notifications;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Notifications;

/// <summary>
/// Turns journal events into notifications, following the journal from a cursor kept in the database: each batch's
/// notifications and the cursor's new position are saved together, so a restart neither repeats nor loses one.
/// Whether a recipient may see the item is decided now, at delivery, by <see cref="PermissionService"/>; a grant
/// removed later withdraws what its former holders were told about the folder, whose names they may no longer see.
/// </summary>
public sealed class NotificationDeriver(
    IDbContextFactory<StrataDbContext> dbFactory,
    PermissionService permissions,
    IOptions<SmtpOptions> smtp,
    TimeProvider clock)
{
    public const string CursorName = "notifications";
    private const int BatchSize = 200;

    /// <summary>
    /// On an installation's first start, places the cursor at the journal's end: notifications are of what happens
    /// from now on, not of the whole history. Called before the host serves requests, so that none of theirs falls
    /// before the cursor.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.JournalCursors.AnyAsync(c => c.Name == CursorName, cancellationToken))
        {
            return;
        }

        var end = await db.Journal.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        db.JournalCursors.Add(new JournalCursor { Name = CursorName, Sequence = end });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Reads the next batch of events and saves their notifications and withdrawals (empty when caught up).</summary>
    public async Task<DerivedNotifications> DeriveNextAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cursor = await db.JournalCursors.FirstAsync(c => c.Name == CursorName, cancellationToken);
        var events = await db.Journal.AsNoTracking()
            .Where(e => e.Sequence > cursor.Sequence)
            .OrderBy(e => e.Sequence)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return DerivedNotifications.None;
        }

        // Whether a recipient may see the item is judged with rights no older than these events (a share among them).
        permissions.CatchUp(events);
        var created = await NotificationsOfAsync(db, events.Where(e => NotificationRules.Types.Contains(e.Type)).ToList(), cancellationToken);
        var withdrawn = await UnseeableAsync(db, events, cancellationToken);
        db.Notifications.RemoveRange(withdrawn);
        db.Notifications.AddRange(created);
        cursor.Sequence = events[^1].Sequence;
        await db.SaveChangesAsync(cancellationToken);
        return new DerivedNotifications(
            created.Where(n => n.InApp).ToList(),
            withdrawn.Where(n => n.InApp).Select(n => n.UserId).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The notifications about items below the folders whose grants changed that their users can no longer see.</summary>
    private async Task<List<Notification>> UnseeableAsync(StrataDbContext db, List<JournalEvent> events, CancellationToken cancellationToken)
    {
        var folders = events.Where(e => e.Type == nameof(JournalEventType.PermissionsChanged)).Select(e => e.PathKey).Distinct(StringComparer.Ordinal).ToList();
        var below = new List<(Notification Notification, string? Path)>();
        foreach (var folder in folders)
        {
            var rows = await db.Notifications
                .Join(db.Nodes, n => n.NodeId, node => (long?)node.Id, (n, node) => new { Notification = n, node.Path, node.PathKey, node.TrashedAt })
                .Where(x => x.PathKey == folder || x.PathKey.StartsWith(folder + "/"))
                .Select(x => new { x.Notification, Path = x.TrashedAt == null ? x.Path : null })
                .ToListAsync(cancellationToken);
            below.AddRange(rows.Select(x => (x.Notification, x.Path)));
        }

        if (below.Count == 0)
        {
            return [];
        }

        var rights = await permissions.ForUsersAsync(below.Select(x => x.Notification.UserId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        return below
            .Where(x => !rights.TryGetValue(x.Notification.UserId, out var access) || !CanSee(access, x.Path))
            .Select(x => x.Notification)
            .DistinctBy(n => n.Id)
            .ToList();
    }

    private async Task<List<Notification>> NotificationsOfAsync(StrataDbContext db, List<JournalEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var facts = await EventFacts.LoadAsync(db, events, cancellationToken);
        var wanted = events.Select(e => (Event: e, Recipients: NotificationRules.RecipientsOf(facts.Describe(e)))).ToList();
        var userIds = wanted.SelectMany(w => w.Recipients.Keys).Distinct(StringComparer.Ordinal).ToList();
        var rights = await permissions.ForUsersAsync(userIds, cancellationToken);
        var preferences = await PreferencesOfAsync(db, userIds, cancellationToken);
        var email = smtp.Value.IsConfigured;
        var now = clock.GetUtcNow();
        var created = new List<Notification>();
        foreach (var (change, recipients) in wanted)
        {
            foreach (var (userId, kind) in recipients)
            {
                var wants = preferences.GetValueOrDefault(userId, NotificationPreferences.Default);
                var inApp = wants.Wants(kind, NotificationChannel.InApp);
                var byEmail = email && wants.Wants(kind, NotificationChannel.Email);
                if ((!inApp && !byEmail) || !rights.TryGetValue(userId, out var access) || !CanSee(access, facts.WhereNow(change)))
                {
                    continue;
                }

                created.Add(new Notification
                {
                    UserId = userId,
                    Kind = kind,
                    EventSequence = change.Sequence,
                    EventType = change.Type,
                    NodeId = change.NodeId,
                    Path = change.Path,
                    IsFolder = change.IsFolder,
                    ActorId = change.ActorId,
                    Excerpt = facts.Details(change).GetValueOrDefault("excerpt") is { } excerpt ? Truncate(excerpt, 256) : null,
                    At = now,
                    InApp = inApp,
                    EmailPending = byEmail,
                });
            }
        }

        return created;
    }

    /// <summary>A recipient hears only of an item they may see where it is now; a trashed or purged item notifies nobody.</summary>
    private static bool CanSee(AccessEvaluator access, string? path) =>
        path is not null && NodePath.TryParse(path, out var now, out _) && access.CanSee(now);

    internal static async Task<Dictionary<string, NotificationPreferences>> PreferencesOfAsync(StrataDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var rows = await db.NotificationSettings.AsNoTracking().Where(s => userIds.Contains(s.UserId)).ToListAsync(cancellationToken);
        return rows.ToDictionary(s => s.UserId, s => s.ToPreferences(), StringComparer.Ordinal);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>What the journal does not carry but the rules need, loaded once per batch.</summary>
    private sealed class EventFacts
    {
        private readonly Dictionary<long, (string Path, string? CreatedBy, bool Trashed)> _nodes;
        private readonly Dictionary<long, string> _linkCreators;
        private readonly ILookup<string, string> _groupMembers;
        private readonly Dictionary<long, IReadOnlyDictionary<string, string>> _details;

        private EventFacts(
            Dictionary<long, (string, string?, bool)> nodes,
            Dictionary<long, string> linkCreators,
            ILookup<string, string> groupMembers,
            Dictionary<long, IReadOnlyDictionary<string, string>> details)
        {
            _nodes = nodes;
            _linkCreators = linkCreators;
            _groupMembers = groupMembers;
            _details = details;
        }

        public static async Task<EventFacts> LoadAsync(StrataDbContext db, List<JournalEvent> events, CancellationToken cancellationToken)
        {
            var details = events.ToDictionary(e => e.Sequence, e => (IReadOnlyDictionary<string, string>)ParseDetails(e.Details));
            var nodeIds = events.Select(e => e.NodeId).OfType<long>().Distinct().ToList();
            var linkIds = events.Select(e => e.LinkId).OfType<long>().Distinct().ToList();
            var groupIds = details.Values
                .Where(d => d.GetValueOrDefault(NotificationRules.PrincipalKindKey) == nameof(PrincipalKind.Group))
                .Select(d => long.TryParse(d.GetValueOrDefault(NotificationRules.PrincipalIdKey), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : (long?)null)
                .OfType<long>()
                .Distinct()
                .ToList();
            var nodes = await db.Nodes.AsNoTracking()
                .Where(n => nodeIds.Contains(n.Id))
                .Select(n => new { n.Id, n.Path, n.CreatedBy, Trashed = n.TrashedAt != null })
                .ToDictionaryAsync(n => n.Id, n => (n.Path, n.CreatedBy, n.Trashed), cancellationToken);
            var links = await db.PublicLinks.AsNoTracking()
                .Where(l => linkIds.Contains(l.Id))
                .Select(l => new { l.Id, l.CreatedBy })
                .ToDictionaryAsync(l => l.Id, l => l.CreatedBy, cancellationToken);
            var members = await db.GroupMembers.AsNoTracking()
                .Where(m => groupIds.Contains(m.GroupId))
                .Select(m => new { m.GroupId, m.UserId })
                .ToListAsync(cancellationToken);
            return new EventFacts(
                nodes,
                links,
                members.ToLookup(m => Principal.Group(m.GroupId).Id, m => m.UserId, StringComparer.Ordinal),
                details);
        }

        public IReadOnlyDictionary<string, string> Details(JournalEvent change) => _details[change.Sequence];

        public NotifiableEvent Describe(JournalEvent change)
        {
            var details = Details(change);
            return new NotifiableEvent(
                change.Type,
                change.ActorId,
                details,
                ItemCreator: change.NodeId is { } node && _nodes.TryGetValue(node, out var item) ? item.CreatedBy : null,
                LinkCreator: change.LinkId is { } link ? _linkCreators.GetValueOrDefault(link) : null,
                Grantees: Grantees(details));
        }

        /// <summary>The item's path now; null when it is trashed or gone.</summary>
        public string? WhereNow(JournalEvent change) => change.NodeId is { } id
            ? _nodes.TryGetValue(id, out var node) && !node.Trashed ? node.Path : null
            : change.Path;

        /// <summary>Who a permission change opened the folder to: the user or the group's members, unless it was a removal.</summary>
        private List<string> Grantees(IReadOnlyDictionary<string, string> details)
        {
            if (!Enum.TryParse<AccessLevel>(details.GetValueOrDefault(NotificationRules.LevelKey), out var level) || level < AccessLevel.Viewer
                || details.GetValueOrDefault(NotificationRules.PrincipalIdKey) is not { } id)
            {
                return [];
            }

            return details.GetValueOrDefault(NotificationRules.PrincipalKindKey) switch
            {
                nameof(PrincipalKind.User) => [id],
                nameof(PrincipalKind.Group) => _groupMembers[id].ToList(),
                _ => [],
            };
        }

        private static Dictionary<string, string> ParseDetails(string? json)
        {
            if (string.IsNullOrEmpty(json))
            {
                return new Dictionary<string, string>();
            }

            try
            {
                return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
            }
            catch (JsonException)
            {
                // Details are facts for display; a malformed one must not stop the follower.
                return new Dictionary<string, string>();
            }
        }
    }
}

/// <summary>What one batch of the journal did to notifications: the in-app ones it created, and whose it withdrew.</summary>
public sealed record DerivedNotifications(IReadOnlyList<Notification> Created, IReadOnlyList<string> WithdrawnFrom)
{
    public static readonly DerivedNotifications None = new([], []);

    public bool IsEmpty => Created.Count == 0 && WithdrawnFrom.Count == 0;
}
