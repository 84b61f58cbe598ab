using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Domain.Tags;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Tags;

/// <summary>
/// Tags and favorites. Every check goes through <see cref="PermissionService"/>: an item the caller cannot see is
/// missing (404), and a tag outside the caller's scope (someone else's personal tag) does not exist for them anywhere.
/// Each change appends its journal event in the same save; personal tags and stars are private to their actor.
/// </summary>
public sealed class TagService(IDbContextFactory<StrataDbContext> dbFactory, PermissionService permissions, TimeProvider clock)
{
    /// <summary>The tags the caller may see or use, by name, each with the number of visible items carrying it.</summary>
    public async Task<IReadOnlyList<TagSummary>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking().Where(VisibleTo(caller)).OrderBy(t => t.NameKey).ThenBy(t => t.Scope).ToListAsync(cancellationToken);
        var tagIds = tags.Select(t => t.Id).ToList();
        var carried = await (
            from a in db.TagAssignments
            join n in db.Nodes on a.NodeId equals n.Id
            where tagIds.Contains(a.TagId) && n.TrashedAt == null
            select new { a.TagId, n.Path })
            .ToListAsync(cancellationToken);
        var counts = carried.Where(c => access.CanSee(NodePath.Parse(c.Path))).GroupBy(c => c.TagId).ToDictionary(g => g.Key, g => g.Count());
        return tags.Select(t => new TagSummary(t.Id, t.Name, t.Scope, t.Color, counts.GetValueOrDefault(t.Id))).ToList();
    }

    /// <summary>Creates a tag; restricted tags only by administrators, and names unique within their scope.</summary>
    public async Task<Result<TagView>> CreateAsync(Caller caller, string? rawName, string? rawColor, TagScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!TagName.TryCreate(rawName, out var name, out var error) || !TryColor(rawColor, out var color, out error))
        {
            return Result<TagView>.Fail(ResultStatus.Invalid, error);
        }

        if (!TagRules.CanCreate(scope, caller))
        {
            return Result<TagView>.Fail(ResultStatus.Forbidden, "Only administrators create restricted tags.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tag = NewTag(caller, name, color, scope);
        if (await db.Tags.AnyAsync(t => t.ScopeKey == tag.ScopeKey && t.NameKey == tag.NameKey, cancellationToken))
        {
            return Result<TagView>.Fail(ResultStatus.Conflict, $"A tag named '{name}' already exists.");
        }

        db.Tags.Add(tag);
        return await SaveAsync(db, () => Result<TagView>.Created(View(tag)), $"A tag named '{name}' already exists.", cancellationToken);
    }

    /// <summary>
    /// Puts the tag named <paramref name="rawTag"/> (the caller's personal one when <paramref name="scope"/> is
    /// personal, else the shared or restricted one) on the item, creating a missing shared or personal tag. Putting a tag
    /// on twice changes nothing.
    /// </summary>
    public Task<Result<TagView>> AddAsync(Caller caller, NodePath path, string? rawTag, TagScope? scope, CancellationToken cancellationToken) =>
        ChangeAsync(caller, path, rawTag, scope, add: true, cancellationToken);

    /// <summary>Takes the tag off the item; a tag the item does not carry is a 404.</summary>
    public Task<Result<TagView>> RemoveAsync(Caller caller, NodePath path, string? rawTag, TagScope? scope, CancellationToken cancellationToken) =>
        ChangeAsync(caller, path, rawTag, scope, add: false, cancellationToken);

    /// <summary>The live items carrying the tag that the caller may see, by path, paged.</summary>
    public async Task<Result<TaggedPage>> ItemsAsync(Caller caller, string? rawTag, TagScope? scope, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindTagAsync(db, caller, rawTag, scope, cancellationToken);
        if (!found.Succeeded)
        {
            return found.As<TaggedPage>();
        }

        var tagId = found.Value.Id;
        // Rights come from the grants in memory, so the whole set is read once and filtered, never checked per row.
        // Led by the tag's assignments (IN, not a correlated EXISTS), so the tree is not scanned node by node.
        var carrying = db.TagAssignments.Where(a => a.TagId == tagId).Select(a => a.NodeId);
        var carried = await db.Nodes.AsNoTracking()
            .Where(n => n.TrashedAt == null && carrying.Contains(n.Id))
            .OrderBy(n => n.PathKey)
            .Select(NodeInfo.Projection)
            .ToListAsync(cancellationToken);
        var visible = carried.Where(n => access.CanSee(NodePath.Parse(n.Path))).ToList();
        var page = visible.Skip(skip).Take(take).ToList();
        var marks = await MarksAsync(db, caller, n => page.Select(p => p.Id).Contains(n.Id), cancellationToken);
        return Result<TaggedPage>.Ok(new TaggedPage(page.Select(n => new MarkedItem(n, marks.GetValueOrDefault(n.Id, ItemMarks.None))).ToList(), visible.Count));
    }

    /// <summary>The id of the tag the caller means by <paramref name="rawTag"/>, for filtering a listing; 404 when they have none of that name.</summary>
    public async Task<Result<TagView>> FindAsync(Caller caller, string? rawTag, TagScope? scope, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FindTagAsync(db, caller, rawTag, scope, cancellationToken);
    }

    /// <summary>The children of a folder the caller may see that carry the tag, ordered by name, in one query.</summary>
    public async Task<IReadOnlyList<NodeInfo>> ListTaggedChildrenAsync(Caller caller, long folderId, NodePath folderPath, long tagId, CancellationToken cancellationToken)
    {
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Led by the tag's assignments (IN, not a correlated EXISTS): a big folder's children are not each probed.
        var carrying = db.TagAssignments.Where(a => a.TagId == tagId).Select(a => a.NodeId);
        return await FileService.VisibleChildren(db, access, folderId, folderPath, withFinderMetadata: false)
            .Where(n => carrying.Contains(n.Id))
            .OrderBy(n => n.NameKey)
            .Select(NodeInfo.Projection)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The marks of a folder and its children as the caller sees them, in one query whatever the number of children;
    /// items without marks are left out. The caller must already be allowed to list the folder.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, ItemMarks>> ForFolderAsync(Caller caller, long folderId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The children's indexes on ParentId hold live nodes only: without TrashedAt the database scans every node.
        return await MarksAsync(db, caller, n => n.Id == folderId || (n.ParentId == folderId && n.TrashedAt == null), cancellationToken);
    }

    /// <summary>The marks of the items with <paramref name="nodeIds"/> (a window of a listing), in one query; the caller must already see them.</summary>
    public async Task<IReadOnlyDictionary<long, ItemMarks>> ForNodesAsync(Caller caller, IReadOnlyCollection<long> nodeIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await MarksAsync(db, caller, n => nodeIds.Contains(n.Id), cancellationToken);
    }

    /// <summary>The marks of one item as the caller sees them; the caller must already be allowed to see it.</summary>
    public async Task<ItemMarks> ForItemAsync(Caller caller, long nodeId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await MarksAsync(db, caller, n => n.Id == nodeId, cancellationToken)).GetValueOrDefault(nodeId, ItemMarks.None);
    }

    /// <summary>Stars or unstars an item the caller can see; doing it twice changes nothing.</summary>
    public async Task<Result<bool>> SetFavoriteAsync(Caller caller, NodePath path, bool favorite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var item = await FindItemAsync(db, access, path, cancellationToken);
        if (!item.Succeeded)
        {
            return item.As<bool>();
        }

        var node = item.Value;
        var existing = await db.Favorites.FirstOrDefaultAsync(f => f.UserId == caller.UserId && f.NodeId == node.Id, cancellationToken);
        if ((existing is not null) == favorite)
        {
            return Result<bool>.Ok(favorite);
        }

        if (favorite)
        {
            db.Favorites.Add(new Favorite { UserId = caller.UserId, NodeId = node.Id, CreatedAt = clock.GetUtcNow() });
        }
        else
        {
            db.Favorites.Remove(existing!);
        }

        db.Journal.Add(PrivateEvent(favorite ? JournalEventType.Favorited : JournalEventType.Unfavorited, node, caller, details: null));
        return await SaveAsync(db, () => Result<bool>.Ok(favorite), "The item was starred meanwhile.", cancellationToken);
    }

    /// <summary>The items the caller starred and may still see, by path.</summary>
    public async Task<IReadOnlyList<MarkedItem>> FavoritesAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var starred = await db.Nodes.AsNoTracking()
            .Where(n => n.TrashedAt == null && db.Favorites.Any(f => f.UserId == caller.UserId && f.NodeId == n.Id))
            .OrderBy(n => n.PathKey)
            .Select(NodeInfo.Projection)
            .ToListAsync(cancellationToken);
        var visible = starred.Where(n => access.CanSee(NodePath.Parse(n.Path))).ToList();
        var ids = visible.Select(n => n.Id).ToList();
        var marks = await MarksAsync(db, caller, n => ids.Contains(n.Id), cancellationToken);
        return visible.Select(n => new MarkedItem(n, marks.GetValueOrDefault(n.Id, ItemMarks.None))).ToList();
    }

    /// <summary>
    /// For administrators: every shared and restricted tag, by name, with the number of live items carrying it
    /// anywhere (a count names no item); personal tags are their owners' alone and never listed. Forbidden to others.
    /// </summary>
    public async Task<Result<IReadOnlyList<TagSummary>>> AdministeredAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin)
        {
            return Result<IReadOnlyList<TagSummary>>.Fail(ResultStatus.Forbidden, "Only administrators administer tags.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking().Where(t => t.Scope != TagScope.Personal).OrderBy(t => t.NameKey)
            .Select(t => new TagSummary(t.Id, t.Name, t.Scope, t.Color,
                db.TagAssignments.Count(a => a.TagId == t.Id && db.Nodes.Any(n => n.Id == a.NodeId && n.TrashedAt == null))))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<TagSummary>>.Ok(tags);
    }

    /// <summary>An administrator renames or recolours a shared or restricted tag, or moves it between those two scopes.</summary>
    public async Task<Result<TagView>> UpdateAsync(Caller caller, long id, TagChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id && t.Scope != TagScope.Personal, cancellationToken);
        if (tag is null || !caller.IsAdmin)
        {
            return Result<TagView>.Fail(ResultStatus.NotFound, $"There is no tag {id}.");
        }

        if (change.Scope == TagScope.Personal)
        {
            return Result<TagView>.Fail(ResultStatus.Invalid, "A shared or restricted tag cannot become personal.");
        }

        var before = (tag.Name, tag.Color, tag.Scope);

        if (change.Color is not null)
        {
            if (!TagColor.TryParse(change.Color, out var color, out var colorError))
            {
                return Result<TagView>.Fail(ResultStatus.Invalid, colorError);
            }

            tag.Color = color;
        }

        if (change.Name is not null)
        {
            if (!TagName.TryCreate(change.Name, out var name, out var nameError))
            {
                return Result<TagView>.Fail(ResultStatus.Invalid, nameError);
            }

            if (await db.Tags.AnyAsync(t => t.Id != id && t.ScopeKey == tag.ScopeKey && t.NameKey == name.Key, cancellationToken))
            {
                return Result<TagView>.Fail(ResultStatus.Conflict, $"A tag named '{name}' already exists; merge into it instead.");
            }

            (tag.Name, tag.NameKey) = (name.Value, name.Key);
        }

        tag.Scope = change.Scope ?? tag.Scope;
        if (before != (tag.Name, tag.Color, tag.Scope))
        {
            db.Journal.Add(TagEvents.Changed(tag, before, caller.UserId, clock.GetUtcNow()));
        }

        return await SaveAsync(db, () => Result<TagView>.Ok(View(tag)), "A tag of that name was created meanwhile.", cancellationToken);
    }

    /// <summary>
    /// An administrator merges a shared or restricted tag into another: its items carry the target instead (once,
    /// however many of the two they carried), and the merged tag is gone.
    /// </summary>
    public async Task<Result<TagView>> MergeAsync(Caller caller, long id, long targetId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pair = await db.Tags.Where(t => (t.Id == id || t.Id == targetId) && t.Scope != TagScope.Personal).ToListAsync(cancellationToken);
        if (!caller.IsAdmin || pair.Find(t => t.Id == id) is not { } source || pair.Find(t => t.Id == targetId) is not { } target)
        {
            return Result<TagView>.Fail(ResultStatus.NotFound, $"There is no tag {id} or {targetId}.");
        }

        if (source.Id == target.Id)
        {
            return Result<TagView>.Fail(ResultStatus.Invalid, "A tag cannot be merged into itself.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var items = await db.TagAssignments.CountAsync(a => a.TagId == source.Id, cancellationToken);
        await db.TagAssignments
            .Where(a => a.TagId == source.Id && !db.TagAssignments.Any(b => b.TagId == target.Id && b.NodeId == a.NodeId))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.TagId, target.Id), cancellationToken);
        await db.Tags.Where(t => t.Id == source.Id).ExecuteDeleteAsync(cancellationToken);
        db.Journal.Add(TagEvents.Merged(source, target, items, caller.UserId, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<TagView>.Ok(View(target));
    }

    private async Task<Result<TagView>> ChangeAsync(Caller caller, NodePath path, string? rawTag, TagScope? scope, bool add, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var item = await FindItemAsync(db, access, path, cancellationToken);
        if (!item.Succeeded)
        {
            return item.As<TagView>();
        }

        var node = item.Value;
        var found = await FindTagAsync(db, caller, rawTag, scope, cancellationToken);
        var tag = found.Value is { } view ? await db.Tags.SingleAsync(t => t.Id == view.Id, cancellationToken) : null;
        if (tag is null)
        {
            // A bad name, or taking off a tag that does not exist; only a tag being put on comes into being.
            if (!add || found.Status != ResultStatus.NotFound || !TagName.TryCreate(rawTag, out var name, out _))
            {
                return found;
            }

            if (!TagRules.CanCreate(scope ?? TagScope.Shared, caller))
            {
                return Result<TagView>.Fail(ResultStatus.Forbidden, "Only administrators create restricted tags.");
            }

            tag = NewTag(caller, name, TagColor.Default, scope ?? TagScope.Shared);
        }

        var canWrite = access.Evaluate(NodePath.Parse(node.Path), Operation.Write) == AccessDecision.Allowed;
        if (!TagRules.CanAssign(tag.Scope, tag.OwnerId, caller, canWrite))
        {
            return Result<TagView>.Fail(ResultStatus.Forbidden, tag.Scope == TagScope.Restricted
                ? $"Only administrators put on or take off the restricted tag '{tag.Name}'."
                : $"You may not change the tags of '{node.Path}': it is read-only for you.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (tag.Id == 0)
        {
            db.Tags.Add(tag);
            if (await SaveAsync(db, () => Result<TagView>.Ok(View(tag)), $"A tag named '{tag.Name}' was created meanwhile; try again.", cancellationToken) is { Succeeded: false } clash)
            {
                return clash;
            }
        }

        var assignment = await db.TagAssignments.FirstOrDefaultAsync(a => a.TagId == tag.Id && a.NodeId == node.Id, cancellationToken);
        switch (add, assignment)
        {
            case (true, not null):
                return Result<TagView>.Ok(View(tag));
            case (false, null):
                return Result<TagView>.Fail(ResultStatus.NotFound, $"'{node.Path}' does not carry the tag '{tag.Name}'.");
            case (true, null):
                db.TagAssignments.Add(new TagAssignment { TagId = tag.Id, NodeId = node.Id, AssignedAt = clock.GetUtcNow(), AssignedBy = caller.UserId });
                break;
            default:
                db.TagAssignments.Remove(assignment);
                break;
        }

        var details = new Dictionary<string, string> { ["tag"] = tag.Name, ["tagId"] = tag.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["scope"] = tag.Scope.ToString() };
        var type = add ? JournalEventType.TagAdded : JournalEventType.TagRemoved;
        db.Journal.Add(tag.Scope == TagScope.Personal ? PrivateEvent(type, node, caller, details) : Event(type, node, caller, details));
        var result = await SaveAsync(db, () => add ? Result<TagView>.Created(View(tag)) : Result<TagView>.Ok(View(tag)), "The tag changed meanwhile; try again.", cancellationToken);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>The live item at <paramref name="path"/> if the caller can see it; a system area cannot be tagged.</summary>
    private static async Task<Result<NodeInfo>> FindItemAsync(StrataDbContext db, AccessEvaluator access, NodePath path, CancellationToken cancellationToken)
    {
        var node = await db.Nodes.FindLive(path).AsNoTracking().Select(NodeInfo.Projection).FirstOrDefaultAsync(cancellationToken);
        if (access.Evaluate(path, Operation.Read, exists: node is not null) != AccessDecision.Allowed)
        {
            return Result<NodeInfo>.Fail(ResultStatus.NotFound, $"'{path}' does not exist.");
        }

        return path.Depth < 2
            ? Result<NodeInfo>.Fail(ResultStatus.Invalid, $"'{path}' is a system area; tag and star what is inside it.")
            : Result<NodeInfo>.Ok(node!);
    }

    /// <summary>The caller's personal tag of that name when asked for, else the shared or restricted one.</summary>
    private static async Task<Result<TagView>> FindTagAsync(StrataDbContext db, Caller caller, string? rawTag, TagScope? scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!TagName.TryCreate(rawTag, out var name, out var error))
        {
            return Result<TagView>.Fail(ResultStatus.Invalid, error);
        }

        var scopeKey = scope == TagScope.Personal ? caller.UserId : string.Empty;
        var tag = await db.Tags.AsNoTracking().Where(t => t.ScopeKey == scopeKey && t.NameKey == name.Key)
            .Select(t => new TagView(t.Id, t.Name, t.Scope, t.Color))
            .FirstOrDefaultAsync(cancellationToken);
        return tag is null ? Result<TagView>.Fail(ResultStatus.NotFound, $"There is no tag '{name}'.") : Result<TagView>.Ok(tag);
    }

    /// <summary>The marks of the nodes <paramref name="which"/> selects, as one query: their visible tags and the caller's stars.</summary>
    private static async Task<Dictionary<long, ItemMarks>> MarksAsync(
        StrataDbContext db, Caller caller, Expression<Func<Node, bool>> which, CancellationToken cancellationToken)
    {
        var userId = caller.UserId;
        var rows = await db.Nodes.AsNoTracking().Where(which)
            .Where(n => db.Favorites.Any(f => f.NodeId == n.Id && f.UserId == userId) || db.TagAssignments.Any(a => a.NodeId == n.Id))
            .Select(n => new
            {
                n.Id,
                IsFavorite = db.Favorites.Any(f => f.NodeId == n.Id && f.UserId == userId),
                Tags = db.TagAssignments.Where(a => a.NodeId == n.Id)
                    .Join(db.Tags, a => a.TagId, t => t.Id, (a, t) => t)
                    .Where(t => t.Scope != TagScope.Personal || t.OwnerId == userId)
                    .OrderBy(t => t.NameKey)
                    .Select(t => new TagView(t.Id, t.Name, t.Scope, t.Color))
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new ItemMarks(r.Tags, r.IsFavorite));
    }

    private static Expression<Func<Tag, bool>> VisibleTo(Caller caller)
    {
        var userId = caller.UserId;
        return t => t.Scope != TagScope.Personal || t.OwnerId == userId;
    }

    private Tag NewTag(Caller caller, TagName name, string color, TagScope scope)
    {
        var owner = scope == TagScope.Personal ? caller.UserId : null;
        return new Tag
        {
            Name = name.Value,
            NameKey = name.Key,
            Scope = scope,
            OwnerId = owner,
            ScopeKey = owner ?? string.Empty,
            Color = color,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = caller.UserId,
        };
    }

    private static bool TryColor(string? raw, out string color, out string error)
    {
        if (raw is null)
        {
            (color, error) = (TagColor.Default, string.Empty);
            return true;
        }

        var parsed = TagColor.TryParse(raw, out var value, out var problem);
        (color, error) = (value ?? string.Empty, problem ?? string.Empty);
        return parsed;
    }

    private static TagView View(Tag tag) => new(tag.Id, tag.Name, tag.Scope, tag.Color);

    private JournalEvent Event(JournalEventType type, NodeInfo node, Caller caller, Dictionary<string, string>? details)
    {
        var change = JournalEvent.AtPath(type, NodePath.Parse(node.Path), node.Id, node.IsFolder, caller.UserId, clock.GetUtcNow());
        change.Details = details is null ? null : JsonSerializer.Serialize(details);
        return change;
    }

    private JournalEvent PrivateEvent(JournalEventType type, NodeInfo node, Caller caller, Dictionary<string, string>? details)
    {
        var change = Event(type, node, caller, details);
        change.PrivateTo = caller.UserId;
        return change;
    }

    /// <summary>Saves, turning a unique-key clash with a concurrent writer into a 409.</summary>
    private static async Task<Result<T>> SaveAsync<T>(StrataDbContext db, Func<Result<T>> success, string conflict, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return success();
        }
        catch (DbUpdateException)
        {
            return Result<T>.Fail(ResultStatus.Conflict, conflict);
        }
    }
}
