using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Comments;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Comments;

/// <summary>
/// Comments on files and folders: threads with one level of replies, pins, reactions, resolving, mentions and the
/// folder setting of who may comment. Comments hang on the node id, so they follow the item through renames and
/// moves and go with it into the trash. Whoever may read an item reads its comments; someone who cannot see the item
/// gets the same "not found" for its comments as for a missing path. Every change is journalled in its transaction.
/// </summary>
/// <remarks>
/// Deleting a root that has replies leaves a "deleted" placeholder (no body, no author) so the replies keep their
/// thread; the placeholder goes when its last reply is deleted. Any other comment is removed outright.
/// </remarks>
public sealed class CommentService(IDbContextFactory<StrataDbContext> dbFactory, PermissionService permissions, UserDirectory users, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    /// <summary>How many pins a preview draws: more would hide the file under them.</summary>
    public const int MaxPins = 200;

    /// <summary>
    /// The newest replies a thread carries in a page; older ones come a page at a time from
    /// <see cref="EarlierRepliesAsync"/>, so a thread of a thousand replies opens as fast as a short one.
    /// </summary>
    public const int RepliesShown = 20;

    /// <summary>How many people a mention lookup weighs per round, before filtering by who can see the item.</summary>
    private const int CandidateWindow = 50;

    private const int MaxCandidateRounds = 4;

    /// <summary>One page of the item's threads, by root id: newest or oldest first; replies come with their roots.</summary>
    public async Task<Result<CommentPage>> ListAsync(Caller caller, NodePath path, bool newestFirst, int limit, string? cursor, CancellationToken cancellationToken)
    {
        long? after = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Result<CommentPage>.Fail(ResultStatus.Invalid, "The cursor is not one this API handed out.");
            }

            after = parsed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindItemAsync(db, caller, path, cancellationToken);
        if (!found.Succeeded)
        {
            return found.As<CommentPage>();
        }

        var item = found.Value;
        var roots = db.Comments.AsNoTracking().Where(c => c.NodeId == item.NodeId && c.ParentId == null);
        roots = (after, newestFirst) switch
        {
            ({ } id, true) => roots.Where(c => c.Id < id),
            ({ } id, false) => roots.Where(c => c.Id > id),
            _ => roots,
        };
        var size = Math.Clamp(limit, 1, MaxPageSize);
        var page = await (newestFirst ? roots.OrderByDescending(c => c.Id) : roots.OrderBy(c => c.Id)).Take(size + 1).ToListAsync(cancellationToken);
        var more = page.Count > size;
        page = page.Take(size).ToList();
        var threads = await ThreadsAsync(db, caller, item, page, cancellationToken);
        var policy = await PolicyAsync(db, path, cancellationToken);
        return Result<CommentPage>.Ok(new CommentPage(
            threads,
            more ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null,
            CommentPolicies.Allows(policy?.Policy ?? CommentPolicy.Readers, item.Level)));
    }

    /// <summary>
    /// The item's pinned threads, oldest first, for the preview to draw at once: up to <see cref="MaxPins"/>, with
    /// their replies; <see cref="CommentPage.NextCursor"/> is set when there are more than it shows.
    /// </summary>
    public async Task<Result<CommentPage>> PinnedAsync(Caller caller, NodePath path, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindItemAsync(db, caller, path, cancellationToken);
        if (!found.Succeeded)
        {
            return found.As<CommentPage>();
        }

        var item = found.Value;
        var roots = await db.Comments.AsNoTracking()
            .Where(c => c.NodeId == item.NodeId && c.ParentId == null && c.AnchorKind != null)
            .OrderBy(c => c.Id).Take(MaxPins + 1).ToListAsync(cancellationToken);
        var more = roots.Count > MaxPins;
        roots = roots.Take(MaxPins).ToList();
        var threads = await ThreadsAsync(db, caller, item, roots, cancellationToken);
        var policy = await PolicyAsync(db, path, cancellationToken);
        return Result<CommentPage>.Ok(new CommentPage(
            threads,
            more ? roots[^1].Id.ToString(CultureInfo.InvariantCulture) : null,
            CommentPolicies.Allows(policy?.Policy ?? CommentPolicy.Readers, item.Level)));
    }

    /// <summary>
    /// Up to <see cref="RepliesShown"/> replies of the thread <paramref name="rootId"/> older than reply
    /// <paramref name="before"/>, oldest first, with how many older ones remain; a deleted first comment still has its
    /// replies read.
    /// </summary>
    public async Task<Result<ReplyPage>> EarlierRepliesAsync(Caller caller, long rootId, long before, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindCommentAsync(db, caller, rootId, cancellationToken, includeDeleted: true);
        if (!found.Succeeded)
        {
            return found.As<ReplyPage>();
        }

        var (root, item) = found.Value;
        if (root.ParentId is not null)
        {
            return Result<ReplyPage>.Fail(ResultStatus.Invalid, $"Comment {rootId} is a reply; its thread starts at {root.ParentId}.");
        }

        var older = db.Comments.AsNoTracking().Where(c => c.ParentId == rootId && c.Id < before);
        var page = await older.OrderByDescending(c => c.Id).Take(RepliesShown + 1).ToListAsync(cancellationToken);
        var shown = page.Take(RepliesShown).Reverse().ToList();
        var remaining = page.Count > RepliesShown ? await older.CountAsync(c => c.Id < shown[0].Id, cancellationToken) : 0;
        var views = await ViewsAsync(db, caller, item, shown, cancellationToken);
        return Result<ReplyPage>.Ok(new ReplyPage(shown.Select(c => views[c.Id]).ToList(), remaining));
    }

    /// <summary>Starts a thread, or replies to one when <see cref="NewComment.ParentId"/> names its root.</summary>
    public async Task<Result<CommentPosted>> AddAsync(Caller caller, NodePath path, NewComment request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CommentText.IsValidBody(request.Body, out var invalid))
        {
            return Result<CommentPosted>.Fail(ResultStatus.Invalid, invalid);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindItemAsync(db, caller, path, cancellationToken);
        if (!found.Succeeded)
        {
            return found.As<CommentPosted>();
        }

        var item = found.Value;
        if (await RefuseCommentAsync<CommentPosted>(db, item, cancellationToken) is { } refused)
        {
            return refused;
        }

        string? replyTo = null;
        if (request.ParentId is { } parentId)
        {
            var parent = await db.Comments.AsNoTracking().Where(c => c.Id == parentId && c.NodeId == item.NodeId)
                .Select(c => new { c.ParentId, c.AuthorId, c.DeletedAt }).FirstOrDefaultAsync(cancellationToken);
            if (parent is null)
            {
                return Result<CommentPosted>.Fail(ResultStatus.Invalid, $"'{path}' has no comment {parentId} to reply to.");
            }

            if (parent.ParentId is { } root)
            {
                return Result<CommentPosted>.Fail(ResultStatus.Invalid, $"Replies are one level deep: reply to the thread's first comment ({root}).");
            }

            if (request.Anchor is not null)
            {
                return Result<CommentPosted>.Fail(ResultStatus.Invalid, "Only the first comment of a thread is pinned; a reply has no anchor.");
            }

            replyTo = parent.DeletedAt is null ? parent.AuthorId : null;
        }

        var comment = new Comment
        {
            NodeId = item.NodeId,
            ParentId = request.ParentId,
            VersionNumber = item.Version,
            AuthorId = caller.UserId,
            Body = request.Body!,
            CreatedAt = clock.GetUtcNow(),
        };
        comment.Pin(request.Anchor);
        var mentions = await CheckMentionsAsync(db, item, CommentText.Mentions(comment.Body), cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        db.Journal.Add(CommentEvents.For(JournalEventType.CommentAdded, path, item.NodeId, item.IsFolder, comment, caller.UserId, comment.CreatedAt,
            replyTo: replyTo, mentions: mentions.Reachable, excerpt: CommentText.Excerpt(comment.Body)));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        var view = (await ViewsAsync(db, caller, item, [comment], cancellationToken))[comment.Id];
        return Result<CommentPosted>.Created(new CommentPosted(view, mentions.Unreachable, mentions.Unreachable.Count > 0 && CanShare(item)));
    }

    /// <summary>Changes the body of one's own comment; it shows as edited from then on.</summary>
    public async Task<Result<CommentPosted>> EditAsync(Caller caller, long id, string? body, CancellationToken cancellationToken)
    {
        if (!CommentText.IsValidBody(body, out var invalid))
        {
            return Result<CommentPosted>.Fail(ResultStatus.Invalid, invalid);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindCommentAsync(db, caller, id, cancellationToken);
        if (!found.Succeeded)
        {
            return found.As<CommentPosted>();
        }

        var (comment, item) = found.Value;
        if (comment.AuthorId != caller.UserId)
        {
            return Result<CommentPosted>.Fail(ResultStatus.Forbidden, "Only its author edits a comment.");
        }

        if (await RefuseCommentAsync<CommentPosted>(db, item, cancellationToken) is { } refused)
        {
            return refused;
        }

        // Only people mentioned for the first time hear of it again.
        var before = CommentText.Mentions(comment.Body).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var mentions = await CheckMentionsAsync(db, item, CommentText.Mentions(body!), cancellationToken);
        var fresh = await CheckMentionsAsync(db, item, CommentText.Mentions(body!).Where(m => !before.Contains(m)).ToList(), cancellationToken);
        comment.Body = body!;
        comment.EditedAt = clock.GetUtcNow();
        db.Journal.Add(CommentEvents.For(JournalEventType.CommentEdited, item.Path, item.NodeId, item.IsFolder, comment, caller.UserId, comment.EditedAt.Value,
            mentions: fresh.Reachable, excerpt: CommentText.Excerpt(comment.Body)));
        await db.SaveChangesAsync(cancellationToken);
        var view = (await ViewsAsync(db, caller, item, [comment], cancellationToken))[comment.Id];
        return Result<CommentPosted>.Ok(new CommentPosted(view, mentions.Unreachable, mentions.Unreachable.Count > 0 && CanShare(item)));
    }

    /// <summary>Deletes one's own comment, or anyone's for Full and Owner on the item (and administrators).</summary>
    public async Task<Result<long>> DeleteAsync(Caller caller, long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindCommentAsync(db, caller, id, cancellationToken);
        if (!found.Succeeded)
        {
            return found.As<long>();
        }

        var (comment, item) = found.Value;
        if (!CanDelete(caller, item, comment))
        {
            return Result<long>.Fail(ResultStatus.Forbidden, "Only its author, or someone with Full access to the item, deletes a comment.");
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Journal.Add(CommentEvents.For(JournalEventType.CommentDeleted, item.Path, item.NodeId, item.IsFolder, comment, caller.UserId, now));
        await db.CommentReactions.Where(r => r.CommentId == comment.Id).ExecuteDeleteAsync(cancellationToken);
        if (comment.ParentId is null && await db.Comments.AnyAsync(c => c.ParentId == comment.Id, cancellationToken))
        {
            comment.Body = string.Empty;
            comment.DeletedAt = now;
            comment.Pin(null);
        }
        else
        {
            db.Comments.Remove(comment);
            if (comment.ParentId is { } rootId)
            {
                await RemoveEmptyPlaceholderAsync(db, rootId, comment.Id, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result<long>.Ok(comment.Id);
    }

    /// <summary>Marks the thread of comment <paramref name="id"/> resolved, or open again.</summary>
    public async Task<Result<CommentView>> SetResolvedAsync(Caller caller, long id, bool resolved, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindCommentAsync(db, caller, id, cancellationToken);
        if (!found.Succeeded)
        {
            return found.As<CommentView>();
        }

        var (comment, item) = found.Value;
        if (await RefuseCommentAsync<CommentView>(db, item, cancellationToken) is { } refused)
        {
            return refused;
        }

        var root = comment.ParentId is { } rootId ? await db.Comments.FirstAsync(c => c.Id == rootId, cancellationToken) : comment;
        if ((root.ResolvedAt is not null) != resolved)
        {
            var now = clock.GetUtcNow();
            root.ResolvedAt = resolved ? now : null;
            root.ResolvedBy = resolved ? caller.UserId : null;
            db.Journal.Add(CommentEvents.For(resolved ? JournalEventType.CommentResolved : JournalEventType.CommentReopened,
                item.Path, item.NodeId, item.IsFolder, root, caller.UserId, now));
            await db.SaveChangesAsync(cancellationToken);
        }

        return Result<CommentView>.Ok((await ViewsAsync(db, caller, item, [root], cancellationToken))[root.Id]);
    }

    /// <summary>Adds or takes back the caller's reaction; doing what is already done changes nothing. Returns the comment's reactions.</summary>
    public async Task<Result<IReadOnlyList<ReactionCount>>> ReactAsync(Caller caller, long id, string emoji, bool add, CancellationToken cancellationToken)
    {
        if (!CommentText.IsValidEmoji(emoji))
        {
            return Result<IReadOnlyList<ReactionCount>>.Fail(ResultStatus.Invalid, $"A reaction is a single emoji of at most {CommentText.MaxEmojiLength} characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindCommentAsync(db, caller, id, cancellationToken);
        if (!found.Succeeded)
        {
            return found.As<IReadOnlyList<ReactionCount>>();
        }

        var (comment, item) = found.Value;
        if (await RefuseCommentAsync<IReadOnlyList<ReactionCount>>(db, item, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (comment.DeletedAt is not null)
        {
            return Result<IReadOnlyList<ReactionCount>>.Fail(ResultStatus.Conflict, "The comment was deleted.");
        }

        var existing = await db.CommentReactions.FirstOrDefaultAsync(r => r.CommentId == id && r.UserId == caller.UserId && r.Emoji == emoji, cancellationToken);
        if ((existing is null) == add)
        {
            var now = clock.GetUtcNow();
            if (add)
            {
                db.CommentReactions.Add(new CommentReaction { CommentId = id, UserId = caller.UserId, Emoji = emoji, CreatedAt = now });
            }
            else
            {
                db.CommentReactions.Remove(existing!);
            }

            db.Journal.Add(CommentEvents.For(JournalEventType.CommentReacted, item.Path, item.NodeId, item.IsFolder, comment, caller.UserId, now,
                emoji: emoji, reacted: add));
            await db.SaveChangesAsync(cancellationToken);
        }

        return Result<IReadOnlyList<ReactionCount>>.Ok((await ReactionsAsync(db, caller, [id], cancellationToken))[id]);
    }

    /// <summary>
    /// People whose user name or email starts with <paramref name="prefix"/> and who can see the item, for the @
    /// autocomplete: nobody else is ever listed, so the list tells nothing about who else exists.
    /// </summary>
    public async Task<Result<IReadOnlyList<MentionCandidate>>> MentionCandidatesAsync(Caller caller, NodePath path, string? prefix, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindItemAsync(db, caller, path, cancellationToken);
        if (!found.Succeeded)
        {
            return found.As<IReadOnlyList<MentionCandidate>>();
        }

        // Identity's normaliser upper-cases invariantly; the same here keeps the comparison on the stored columns.
        var normalized = (prefix?.Trim().TrimStart('@', '[') ?? string.Empty).ToUpperInvariant();
        var size = Math.Clamp(limit, 1, 10);
        var picked = new List<MentionCandidate>();
        for (var round = 0; round < MaxCandidateRounds && picked.Count < size; round++)
        {
            var window = await db.Users.AsNoTracking()
                .Where(u => u.LockoutEnd != DateTimeOffset.MaxValue)
                .Where(u => u.NormalizedUserName!.StartsWith(normalized) || u.NormalizedEmail!.StartsWith(normalized))
                .OrderBy(u => u.NormalizedUserName)
                .Skip(round * CandidateWindow).Take(CandidateWindow)
                .Select(u => new Person(u.Id, u.UserName!, u.DisplayName))
                .ToListAsync(cancellationToken);
            var sight = await SightAsync(window, path, cancellationToken);
            picked.AddRange(window.Where(p => sight[p.Id]).Select(p => new MentionCandidate(p.UserName, p.DisplayName)).Take(size - picked.Count));
            if (window.Count < CandidateWindow)
            {
                break;
            }
        }

        return Result<IReadOnlyList<MentionCandidate>>.Ok(picked);
    }

    /// <summary>The comment setting of a folder as anyone who can read it may see it.</summary>
    public async Task<Result<CommentSettingView>> GetSettingAsync(Caller caller, NodePath folder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindItemAsync(db, caller, folder, cancellationToken);
        if (!found.Succeeded)
        {
            return found.As<CommentSettingView>();
        }

        if (!found.Value.IsFolder)
        {
            return Result<CommentSettingView>.Fail(ResultStatus.Invalid, $"'{folder}' is a file; comment settings are made on folders.");
        }

        return Result<CommentSettingView>.Ok(await SettingViewAsync(db, found.Value, cancellationToken));
    }

    /// <summary>Sets the folder's own comment setting, or with null removes it so the folder inherits again; for those who may manage the folder.</summary>
    public async Task<Result<CommentSettingView>> SetSettingAsync(Caller caller, NodePath folder, CommentPolicy? policy, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindItemAsync(db, caller, folder, cancellationToken);
        if (!found.Succeeded)
        {
            return found.As<CommentSettingView>();
        }

        var item = found.Value;
        if (!item.IsFolder)
        {
            return Result<CommentSettingView>.Fail(ResultStatus.Invalid, $"'{folder}' is a file; comment settings are made on folders.");
        }

        if (item.Access.Evaluate(folder, Operation.Manage) != AccessDecision.Allowed)
        {
            return Result<CommentSettingView>.Fail(ResultStatus.Forbidden, $"You may not manage '{folder}'.");
        }

        var setting = await db.CommentSettings.FirstOrDefaultAsync(s => s.NodeId == item.NodeId, cancellationToken);
        if (setting?.Policy == policy)
        {
            // Saying again what the folder already says changes nothing, so it is not journalled either.
            return Result<CommentSettingView>.Ok(await SettingViewAsync(db, item, cancellationToken));
        }

        if (policy is null)
        {
            db.CommentSettings.Remove(setting!);
        }
        else
        {
            if (setting is null)
            {
                setting = new CommentSetting { NodeId = item.NodeId };
                db.CommentSettings.Add(setting);
            }

            setting.Policy = policy.Value;
            setting.ChangedAt = clock.GetUtcNow();
            setting.ChangedBy = caller.UserId;
        }

        db.Journal.Add(CommentEvents.SettingChanged(folder, item.NodeId, policy, caller.UserId, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return Result<CommentSettingView>.Ok(await SettingViewAsync(db, item, cancellationToken));
    }

    private static async Task<CommentSettingView> SettingViewAsync(StrataDbContext db, Item item, CancellationToken cancellationToken)
    {
        var own = await db.CommentSettings.AsNoTracking().Where(s => s.NodeId == item.NodeId).Select(s => (CommentPolicy?)s.Policy).FirstOrDefaultAsync(cancellationToken);
        var effective = await PolicyAsync(db, item.Path, cancellationToken);
        return new CommentSettingView(
            own,
            effective?.Policy ?? CommentPolicy.Readers,
            own is null ? effective?.Folder.Value : null,
            item.Access.Evaluate(item.Path, Operation.Manage) == AccessDecision.Allowed);
    }

    /// <summary>The item, for a caller who may read it; otherwise the same answer as for a missing path.</summary>
    private async Task<Result<Item>> FindItemAsync(StrataDbContext db, Caller caller, NodePath path, CancellationToken cancellationToken)
    {
        var access = await permissions.ForAsync(caller, cancellationToken);
        var node = await db.Nodes.FindLive(path).AsNoTracking().Select(n => new { n.Id, n.IsFolder, n.VersionNumber }).FirstOrDefaultAsync(cancellationToken);
        // Comments are for readers: someone who only passes through a folder on the way to a shared one sees no more of it than its name.
        if (node is null || access.Evaluate(path, Operation.Read) != AccessDecision.Allowed || access.LevelAt(path) < AccessLevel.Viewer)
        {
            return Result<Item>.Fail(ResultStatus.NotFound, $"'{path}' does not exist.");
        }

        if (path.Depth < 2)
        {
            return Result<Item>.Fail(ResultStatus.Invalid, $"'{path}' is an area of the namespace; comments are made on files and folders in it.");
        }

        return Result<Item>.Ok(new Item(node.Id, path, node.IsFolder, node.VersionNumber, access, access.LevelAt(path)));
    }

    /// <summary>A comment (tracked, for changes) and its live item, for a caller who may read the item.</summary>
    private async Task<Result<(Comment Comment, Item Item)>> FindCommentAsync(
        StrataDbContext db, Caller caller, long id, CancellationToken cancellationToken, bool includeDeleted = false)
    {
        var row = await db.Comments.Where(c => c.Id == id)
            .Join(db.Nodes.Where(n => n.TrashedAt == null), c => c.NodeId, n => n.Id, (c, n) => new { Comment = c, n.Path })
            .FirstOrDefaultAsync(cancellationToken);
        var item = row is null ? null : await FindItemAsync(db, caller, NodePath.Parse(row.Path), cancellationToken);
        return item is { Succeeded: true } && row is not null && (includeDeleted || row.Comment.DeletedAt is null)
            ? Result<(Comment, Item)>.Ok((row.Comment, item.Value))
            : Result<(Comment, Item)>.Fail(ResultStatus.NotFound, $"There is no comment {id}.");
    }

    private static async Task<Result<T>?> RefuseCommentAsync<T>(StrataDbContext db, Item item, CancellationToken cancellationToken)
    {
        var policy = await PolicyAsync(db, item.Path, cancellationToken);
        if (CommentPolicies.Allows(policy?.Policy ?? CommentPolicy.Readers, item.Level))
        {
            return null;
        }

        return Result<T>.Fail(ResultStatus.Forbidden, policy?.Policy == CommentPolicy.Off
            ? $"Comments are switched off on '{item.Path}'."
            : $"Only editors may comment on '{item.Path}'.");
    }

    /// <summary>The comment setting in force at <paramref name="path"/>: one query over the settings of it and its ancestors.</summary>
    private static async Task<CommentPolicyRule?> PolicyAsync(StrataDbContext db, NodePath path, CancellationToken cancellationToken)
    {
        var chain = new List<string>();
        for (var folder = path; folder.Depth >= 2; folder = folder.Parent)
        {
            chain.Add(Node.HashKey(folder.Key));
        }

        var rows = await db.CommentSettings.AsNoTracking()
            .Join(db.Nodes.Where(n => chain.Contains(n.PathHash) && n.TrashedAt == null), s => s.NodeId, n => n.Id, (s, n) => new { n.Path, s.Policy })
            .ToListAsync(cancellationToken);
        return CommentPolicies.Effective(path, rows.Select(r => new CommentPolicyRule(NodePath.Parse(r.Path), r.Policy)));
    }

    private static bool CanShare(Item item) =>
        item.Access.Evaluate(item.IsFolder ? item.Path : item.Path.Parent, Operation.Manage) == AccessDecision.Allowed;

    private static bool CanDelete(Caller caller, Item item, Comment comment) =>
        comment.AuthorId == caller.UserId || item.Level >= AccessLevel.Full;

    /// <summary>Removes a deleted root's placeholder once <paramref name="leaving"/>, its last reply, goes.</summary>
    private static async Task RemoveEmptyPlaceholderAsync(StrataDbContext db, long rootId, long leaving, CancellationToken cancellationToken)
    {
        var root = await db.Comments.FirstAsync(c => c.Id == rootId, cancellationToken);
        if (root.DeletedAt is not null && !await db.Comments.AnyAsync(c => c.ParentId == rootId && c.Id != leaving, cancellationToken))
        {
            db.Comments.Remove(root);
        }
    }

    /// <summary>Which of the mentioned user names can see the item: those go into the event, the others back to the author only.</summary>
    private async Task<(IReadOnlyList<string> Reachable, IReadOnlyList<string> Unreachable)> CheckMentionsAsync(
        StrataDbContext db, Item item, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return ([], []);
        }

        var normalized = names.Select(n => n.ToUpperInvariant()).ToList();
        var people = await db.Users.AsNoTracking()
            .Where(u => normalized.Contains(u.NormalizedUserName!) && u.LockoutEnd != DateTimeOffset.MaxValue)
            .Select(u => new Person(u.Id, u.UserName!, u.DisplayName))
            .ToListAsync(cancellationToken);
        var sight = await SightAsync(people, item.Path, cancellationToken);
        return (people.Where(p => sight[p.Id]).Select(p => p.Id).ToList(), people.Where(p => !sight[p.Id]).Select(p => p.UserName).ToList());
    }

    /// <summary>Whether each person can read <paramref name="path"/>: two queries (who they are, their groups) for all of them.</summary>
    private async Task<IReadOnlyDictionary<string, bool>> SightAsync(IReadOnlyList<Person> people, NodePath path, CancellationToken cancellationToken)
    {
        var rights = await permissions.ForUsersAsync(people.Select(p => p.Id).ToList(), cancellationToken);
        return people.ToDictionary(p => p.Id, p => rights.TryGetValue(p.Id, out var their) && their.LevelAt(path) >= AccessLevel.Viewer, StringComparer.Ordinal);
    }

    /// <summary>
    /// The roots with their newest <see cref="RepliesShown"/> replies, oldest first: the ids of all replies in one query,
    /// the rows shown in another, however many threads.
    /// </summary>
    private async Task<List<CommentThread>> ThreadsAsync(StrataDbContext db, Caller caller, Item item, List<Comment> roots, CancellationToken cancellationToken)
    {
        var rootIds = roots.Select(c => c.Id).ToList();
        var replyIds = (await db.Comments.Where(c => c.ParentId != null && rootIds.Contains(c.ParentId.Value))
                .Select(c => new { c.Id, Root = c.ParentId!.Value })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.Root, r => r.Id);
        var shown = rootIds.SelectMany(root => replyIds[root].Order().TakeLast(RepliesShown)).ToList();
        var replies = await db.Comments.AsNoTracking().Where(c => shown.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var views = await ViewsAsync(db, caller, item, roots.Concat(replies).ToList(), cancellationToken);
        return roots.Select(root => new CommentThread(
            views[root.Id],
            replies.Where(r => r.ParentId == root.Id).Select(r => views[r.Id]).ToList(),
            Math.Max(0, replyIds[root.Id].Count() - RepliesShown))).ToList();
    }

    private async Task<IReadOnlyDictionary<long, CommentView>> ViewsAsync(StrataDbContext db, Caller caller, Item item, IReadOnlyList<Comment> comments, CancellationToken cancellationToken)
    {
        var reactions = await ReactionsAsync(db, caller, comments.Select(c => c.Id).ToList(), cancellationToken);
        var names = await users.NamesAsync(comments.Select(c => c.AuthorId).Concat(comments.Select(c => c.ResolvedBy)), cancellationToken);
        return comments.ToDictionary(c => c.Id, c =>
        {
            var deleted = c.DeletedAt is not null;
            return new CommentView(
                c.Id,
                c.ParentId,
                c.VersionNumber,
                deleted ? null : c.AuthorId,
                deleted ? null : UserDirectory.Display(names, c.AuthorId),
                c.Body,
                deleted,
                c.CreatedAt,
                c.EditedAt,
                c.ResolvedAt,
                c.ResolvedBy is null ? null : UserDirectory.Display(names, c.ResolvedBy),
                AnchorView.Of(c),
                reactions[c.Id],
                !deleted && c.AuthorId == caller.UserId,
                !deleted && CanDelete(caller, item, c));
        });
    }

    /// <summary>Reaction counts of many comments in one grouped query, most used emoji first.</summary>
    private static async Task<IReadOnlyDictionary<long, IReadOnlyList<ReactionCount>>> ReactionsAsync(
        StrataDbContext db, Caller caller, List<long> ids, CancellationToken cancellationToken)
    {
        var rows = ids.Count == 0 ? [] : await db.CommentReactions.AsNoTracking()
            .Where(r => ids.Contains(r.CommentId))
            .GroupBy(r => new { r.CommentId, r.Emoji })
            .Select(g => new { g.Key.CommentId, g.Key.Emoji, Count = g.Count(), Mine = g.Count(r => r.UserId == caller.UserId) })
            .ToListAsync(cancellationToken);
        var byComment = rows.ToLookup(r => r.CommentId);
        return ids.Distinct().ToDictionary(id => id, id => (IReadOnlyList<ReactionCount>)byComment[id]
            .OrderByDescending(r => r.Count).ThenBy(r => r.Emoji, StringComparer.Ordinal)
            .Select(r => new ReactionCount(r.Emoji, r.Count, r.Mine > 0)).ToList());
    }

    private sealed record Person(string Id, string UserName, string? DisplayName);

    /// <summary>An item comments hang on, with the caller's rights there.</summary>
    private sealed record Item(long NodeId, NodePath Path, bool IsFolder, int Version, AccessEvaluator Access, AccessLevel Level);
}
