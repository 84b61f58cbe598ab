using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Files;

/// <summary>
/// The use cases of the namespace, shared by every front door. Each mutation authorises the caller,
/// changes metadata and appends its journal event in one transaction; content is stored (hashed,
/// fsynced, renamed) before that transaction, so a crash leaves at worst an unreferenced blob.
/// </summary>
public sealed partial class FileService(
    IDbContextFactory<StrataDbContext> dbFactory,
    INodeLookup lookup,
    BlobService blobs,
    PermissionService permissions,
    TimeProvider clock,
    FolderPropagation propagation,
    CommitBatcher batcher,
    IEnumerable<IContentCommitted> committed)
{
    public IBlobStore Blobs => blobs.Store;

    public async Task<Result<NodeInfo>> GetAsync(Caller caller, NodePath path, CancellationToken cancellationToken)
    {
        var access = await permissions.ForAsync(caller, cancellationToken);
        if (Decide(access, path, Operation.Read) is { } denied)
        {
            return denied.As<NodeInfo>();
        }

        var node = await lookup.FindLiveAsync(Node.HashKey(path.Key), cancellationToken);
        return node is null ? NotFound<NodeInfo>(path) : Result<NodeInfo>.Ok(node);
    }

    /// <summary>
    /// The items at <paramref name="paths"/> that exist and the caller may read, in the order asked, in one query;
    /// the others are left out. Each path is authorised as <see cref="GetAsync"/> does it.
    /// </summary>
    public async Task<IReadOnlyList<NodeInfo>> GetManyAsync(Caller caller, IReadOnlyCollection<NodePath> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var access = await permissions.ForAsync(caller, cancellationToken);
        var readable = paths.Where(p => Decide(access, p, Operation.Read) is null).ToList();
        if (readable.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Nodes.FindLive(readable).AsNoTracking()
            .Select(NodeInfo.Projection)
            .ToListAsync(cancellationToken);
        var byKey = found.ToDictionary(n => NodePath.Parse(n.Path).Key, StringComparer.Ordinal);
        return readable.Select(p => byKey.GetValueOrDefault(p.Key)).OfType<NodeInfo>().ToList();
    }

    /// <summary>
    /// The live children of a folder the caller may see, ordered by name; streamed, not buffered. Finder's metadata
    /// only with <paramref name="withFinderMetadata"/> (WebDAV).
    /// </summary>
    public async IAsyncEnumerable<NodeInfo> ListChildrenAsync(
        Caller caller, long folderId, NodePath folderPath, bool withFinderMetadata, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var child in VisibleChildren(db, access, folderId, folderPath, withFinderMetadata).OrderBy(n => n.NameKey).Select(NodeInfo.Projection).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return child;
        }
    }

    public async Task<Result<NodeInfo>> CreateFolderAsync(Caller caller, NodePath path, CancellationToken cancellationToken)
    {
        if (RefuseUnportable<NodeInfo>(path) is { } unportable)
        {
            return unportable;
        }

        var access = await permissions.ForAsync(caller, cancellationToken);
        return await batcher.CommitAsync(async (db, touched, ct) =>
        {
            var parent = await ResolveParentForNewAsync(db, caller, access, path, ct);
            if (!parent.Succeeded)
            {
                return parent.As<NodeInfo>();
            }

            var folder = Node.Create(path, parent.Value.Id, isFolder: true, caller.UserId, clock.GetUtcNow());
            db.Nodes.Add(folder);
            await SaveWithEventAsync(db, JournalEventType.FolderCreated, folder, caller.UserId, oldPath: null, ct, touched);
            return Result<NodeInfo>.Created(NodeInfo.From(folder));
        }, cancellationToken);
    }

    /// <summary>
    /// Streams <paramref name="content"/> into a new file or a new version of an existing one.
    /// The <paramref name="conditions"/> are checked before the body is read and again at commit.
    /// </summary>
    public Task<Result<NodeInfo>> WriteAsync(Caller caller, NodePath path, Stream content, WriteConditions conditions, CancellationToken cancellationToken) =>
        WriteAsync(caller, path, content, conditions, modifiedAt: null, cancellationToken);

    /// <summary>As the other overload, keeping <paramref name="modifiedAt"/> (a sync client's own time) when given.</summary>
    public async Task<Result<NodeInfo>> WriteAsync(
        Caller caller, NodePath path, Stream content, WriteConditions conditions, DateTimeOffset? modifiedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var check = await CheckWritableAsync(caller, path, conditions, cancellationToken);
        if (check is not null)
        {
            return check;
        }

        var (hash, size) = await blobs.StoreAsync(content, cancellationToken);
        return await CommitContentAsync(caller, path, hash, size, conditions, JournalEventType.FileUpdated, cancellationToken, modifiedAt: modifiedAt);
    }

    /// <summary>
    /// As <see cref="WriteAsync(Caller, NodePath, Stream, WriteConditions, CancellationToken)"/> for a complete file already on the blob store's volume (a finished resumable
    /// upload), with its SHA-256 when the upload computed it (else it is hashed here).
    /// </summary>
    public async Task<Result<NodeInfo>> WriteFileAsync(
        Caller caller, NodePath path, string completedFile, string? knownSha256, WriteConditions conditions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var check = await CheckWritableAsync(caller, path, conditions, cancellationToken);
        if (check is not null)
        {
            return check;
        }

        var (hash, size) = await blobs.StoreFileAsync(completedFile, knownSha256, cancellationToken);
        return await CommitContentAsync(caller, path, hash, size, conditions, JournalEventType.FileUpdated, cancellationToken);
    }

    /// <summary>Checks, without writing, that the caller may write a file at <paramref name="path"/> under these conditions.</summary>
    public async Task<Result<NodeInfo>?> CheckWritableAsync(Caller caller, NodePath path, WriteConditions conditions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (parent, existing) = await ResolveParentForWriteAsync(db, await permissions.ForAsync(caller, cancellationToken), path, cancellationToken);
        if (!parent.Succeeded)
        {
            return parent.As<NodeInfo>();
        }

        return (existing is null ? RefuseUnportable<NodeInfo>(path) : null)
            ?? CheckOverwrite(path, existing, conditions) ?? await CheckUnlockedAsync(db, caller, path, withMembers: false, cancellationToken);
    }

    public async Task<Result<NodeInfo>> MoveAsync(Caller caller, NodePath source, NodePath destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (RefuseRenamedUnportable<NodeInfo>(source, destination) is { } unportable)
        {
            return unportable;
        }

        var access = await permissions.ForAsync(caller, cancellationToken);
        if (Decide(access, source, Operation.Read) is { } hidden)
        {
            return hidden;
        }

        var sameNode = destination.Equals(source);
        if (destination.IsSameOrDescendantOf(source) && !sameNode)
        {
            return Result<NodeInfo>.Fail(ResultStatus.Conflict, $"A folder cannot be moved into itself ('{destination}' is inside '{source}').");
        }

        var moved = await batcher.CommitAsync(async (db, touched, ct) =>
        {
            var node = await db.Nodes.FindLive(source).FirstOrDefaultAsync(ct);
            if (node is null)
            {
                return NotFound<NodeInfo>(source);
            }

            // Renaming in place leaves what the folder holds where it is; moving it away carries all of it along.
            var removal = destination.Parent.Equals(source.Parent) ? Operation.Rename : Operation.Remove;
            if (Decide(access, source, removal, node.CreatedBy) is { } denied)
            {
                return denied;
            }

            var (parent, existing) = await ResolveParentForWriteAsync(db, access, destination, ct);
            if (!parent.Succeeded)
            {
                return parent.As<NodeInfo>();
            }

            // A case-only rename keeps the same key, so the node finds itself there: not a conflict.
            if (!sameNode && existing is not null)
            {
                return Conflict<NodeInfo>(destination);
            }

            if ((await CheckUnlockedAsync(db, caller, source, node.IsFolder, ct) ?? await CheckUnlockedAsync(db, caller, destination, withMembers: false, ct)) is { } locked)
            {
                return locked;
            }

            var oldPath = NodePath.Parse(node.Path);
            await DropLocksAsync(db, oldPath, ct);
            await RebaseDescendantsAsync(db, node, oldPath, destination, trashRootId: null, ct);
            var renamedInPlace = node.ParentId == parent.Value.Id;
            node.ParentId = parent.Value.Id;
            node.SetPath(destination);
            node.ModifiedAt = clock.GetUtcNow();
            node.ModifiedBy = caller.UserId;
            await SaveWithEventAsync(db, renamedInPlace ? JournalEventType.Renamed : JournalEventType.Moved, node, caller.UserId, oldPath.Value, ct, touched);
            return Result<NodeInfo>.Ok(NodeInfo.From(node));
        }, cancellationToken);
        return InvalidatedIfFolder(moved);
    }

    /// <summary>
    /// A name given to a new item must be one Windows can hold (<see cref="NodeName.WindowsProblem"/>); stored names
    /// are not judged, so an item named before that rule can still be opened, moved and renamed.
    /// </summary>
    private static Result<T>? RefuseUnportable<T>(NodePath path) =>
        !path.IsRoot && NodeName.WindowsProblem(path.Name) is { } problem ? Result<T>.Fail(ResultStatus.Invalid, problem) : null;

    /// <summary>A move or copy keeping the item's name keeps it as it is; a new name is judged as for a new item.</summary>
    private static Result<T>? RefuseRenamedUnportable<T>(NodePath source, NodePath destination) =>
        !source.IsRoot && !destination.IsRoot && source.Name.Value == destination.Name.Value ? null : RefuseUnportable<T>(destination);

    /// <summary>Copies a file or a whole folder tree. Metadata only: the copies share the originals' blobs.</summary>
    public async Task<Result<NodeInfo>> CopyAsync(Caller caller, NodePath source, NodePath destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (RefuseRenamedUnportable<NodeInfo>(source, destination) is { } unportable)
        {
            return unportable;
        }

        var access = await permissions.ForAsync(caller, cancellationToken);
        if (Decide(access, source, Operation.Read) is { } denied)
        {
            return denied;
        }

        if (destination.IsSameOrDescendantOf(source))
        {
            return Result<NodeInfo>.Fail(ResultStatus.Conflict, $"A folder cannot be copied into itself ('{destination}' is inside '{source}').");
        }

        return await batcher.CommitAsync(async (db, touched, ct) =>
        {
            var root = await db.Nodes.FindLive(source).AsNoTracking().FirstOrDefaultAsync(ct);
            if (root is null)
            {
                return NotFound<NodeInfo>(source);
            }

            var parent = await ResolveParentForNewAsync(db, caller, access, destination, ct);
            if (!parent.Succeeded)
            {
                return parent.As<NodeInfo>();
            }

            // A copy is the caller's to share as they like: it takes only what they may read, never what is hidden from them
            // (a visible item's parent is visible too, so every copy finds its parent's copy).
            var subtree = root.IsFolder ? await db.Nodes.LiveSubtree(root).AsNoTracking().ToListAsync(ct) : [];
            var originals = subtree.Where(n => access.CanSee(NodePath.Parse(n.Path))).ToList();
            var now = clock.GetUtcNow();
            var copyRoot = CloneNode(root, destination, parent.Value.Id, caller.UserId, now);
            db.Nodes.Add(copyRoot);
            await db.SaveChangesAsync(ct);

            // Parents before children: ordering by depth guarantees each original's parent was copied already.
            var copies = new Dictionary<long, Node> { [root.Id] = copyRoot };
            foreach (var original in originals.OrderBy(n => n.Path.Count(c => c == '/')))
            {
                var copy = CloneNode(original, NodePath.Parse(original.Path).Rebase(source, destination), copies[original.ParentId!.Value].Id, caller.UserId, now);
                db.Nodes.Add(copy);
                copies[original.Id] = copy;
                if (copy.IsFolder)
                {
                    await db.SaveChangesAsync(ct);
                }
            }

            await db.SaveChangesAsync(ct);
            foreach (var copy in copies.Values.Where(c => !c.IsFolder))
            {
                db.FileVersions.Add(new FileVersion { NodeId = copy.Id, Number = 1, ContentHash = copy.ContentHash!, Size = copy.Size, CreatedAt = now, CreatedBy = caller.UserId });
            }

            await SaveWithEventAsync(db, JournalEventType.Copied, copyRoot, caller.UserId, source.Value, ct, touched);
            return Result<NodeInfo>.Created(NodeInfo.From(copyRoot));
        }, cancellationToken);
    }

    /// <summary>Moves a file or folder tree to the trash; it keeps its path for display and restore.</summary>
    public async Task<Result<NodeInfo>> TrashAsync(Caller caller, NodePath path, WriteConditions conditions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var access = await permissions.ForAsync(caller, cancellationToken);
        if (Decide(access, path, Operation.Read) is { } hidden)
        {
            return hidden;
        }

        var trashed = await batcher.CommitAsync(async (db, touched, ct) =>
        {
            var node = await db.Nodes.FindLive(path).FirstOrDefaultAsync(ct);
            if (node is null)
            {
                return NotFound<NodeInfo>(path);
            }

            if (Decide(access, path, Operation.Remove, node.CreatedBy) is { } denied)
            {
                return denied;
            }

            if (conditions.RefuseRemove(path, node) is { } changed)
            {
                return changed;
            }

            if (await CheckUnlockedAsync(db, caller, path, node.IsFolder, ct) is { } locked)
            {
                return locked;
            }

            await DropLocksAsync(db, path, ct);
            var now = clock.GetUtcNow();
            if (node.IsFolder)
            {
                await db.Nodes.LiveSubtree(node).ExecuteUpdateAsync(
                    s => s.SetProperty(n => n.TrashedAt, now).SetProperty(n => n.TrashedBy, caller.UserId).SetProperty(n => n.TrashRootId, node.Id),
                    ct);
            }

            node.TrashedAt = now;
            node.TrashedBy = caller.UserId;
            node.TrashRootId = node.Id;
            await SaveWithEventAsync(db, JournalEventType.Trashed, node, caller.UserId, oldPath: null, ct, touched);
            return Result<NodeInfo>.Ok(NodeInfo.From(node));
        }, cancellationToken);
        return InvalidatedIfFolder(trashed);
    }

    public async Task<Result<IReadOnlyList<VersionInfo>>> ListVersionsAsync(Caller caller, NodePath path, CancellationToken cancellationToken)
    {
        var file = await GetFileAsync(caller, path, cancellationToken);
        if (!file.Succeeded)
        {
            return file.As<IReadOnlyList<VersionInfo>>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.FileVersions.AsNoTracking()
            .Where(v => v.NodeId == file.Value.Id)
            .OrderByDescending(v => v.Number)
            .Select(v => new VersionInfo(v.Number, v.Size, v.ContentHash, v.CreatedAt, v.CreatedBy))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<VersionInfo>>.Ok(versions);
    }

    /// <summary>The file and the blob holding the requested version (the current one when <paramref name="version"/> is null).</summary>
    public async Task<Result<(NodeInfo File, VersionInfo Version)>> GetContentAsync(Caller caller, NodePath path, int? version, CancellationToken cancellationToken)
    {
        var file = await GetFileAsync(caller, path, cancellationToken);
        if (!file.Succeeded)
        {
            return file.As<(NodeInfo, VersionInfo)>();
        }

        // The node row carries its current version's hash and size, so the common case is one query
        // (the version's own creation time is then the node's modification time, which callers show anyway).
        var node = file.Value;
        if (version is null)
        {
            return Result<(NodeInfo, VersionInfo)>.Ok((node, new VersionInfo(node.Version, node.Size, node.ContentHash!, node.ModifiedAt, node.ModifiedBy)));
        }

        var number = version.Value;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.FileVersions.AsNoTracking()
            .Where(v => v.NodeId == node.Id && v.Number == number)
            .Select(v => new VersionInfo(v.Number, v.Size, v.ContentHash, v.CreatedAt, v.CreatedBy))
            .FirstOrDefaultAsync(cancellationToken);
        return found is null
            ? Result<(NodeInfo, VersionInfo)>.Fail(ResultStatus.NotFound, $"'{path}' has no version {number}.")
            : Result<(NodeInfo, VersionInfo)>.Ok((node, found));
    }

    /// <summary>Makes an old version's content the newest version; history is kept.</summary>
    public async Task<Result<NodeInfo>> RestoreVersionAsync(Caller caller, NodePath path, int version, CancellationToken cancellationToken)
    {
        var content = await GetContentAsync(caller, path, version, cancellationToken);
        if (!content.Succeeded)
        {
            return content.As<NodeInfo>();
        }

        var (_, old) = content.Value;
        var conditions = new WriteConditions(IfMatch: null, IfNoneMatchAny: false);
        if (await CheckWritableAsync(caller, path, conditions, cancellationToken) is { } denied)
        {
            return denied;
        }

        return await CommitContentAsync(caller, path, old.ContentHash, old.Size, conditions, JournalEventType.VersionRestored, cancellationToken);
    }

    /// <summary>Creates <c>/Private/&lt;userName&gt;</c> (and the system folders) if missing.</summary>
    public async Task EnsurePrivateFolderAsync(string userName, CancellationToken cancellationToken)
    {
        await EnsureSystemFoldersAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await EnsureFolderChainAsync(db, NodePath.Private(userName), actor: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Creates <c>/Shared</c> and <c>/Private</c> if missing.</summary>
    public async Task EnsureSystemFoldersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var area in new[] { NodePath.SharedArea, NodePath.PrivateArea })
        {
            await EnsureFolderChainAsync(db, NodePath.Parse(area), actor: null, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    private async Task<Result<NodeInfo>> GetFileAsync(Caller caller, NodePath path, CancellationToken cancellationToken)
    {
        var node = await GetAsync(caller, path, cancellationToken);
        if (node.Succeeded && node.Value.IsFolder)
        {
            return Result<NodeInfo>.Fail(ResultStatus.Invalid, $"'{path}' is a folder.");
        }

        return node;
    }

    // companion: an extra journal entry about the new content (which link it came through), in the same transaction.
    // modifiedAt: the content's own modification time (a move, a sync client's X-OC-Mtime), else now.
    private async Task<Result<NodeInfo>> CommitContentAsync(
        Caller caller,
        NodePath path,
        string hash,
        long size,
        WriteConditions conditions,
        JournalEventType updateType,
        CancellationToken cancellationToken,
        Func<Node, JournalEvent>? companion = null,
        DateTimeOffset? modifiedAt = null)
    {
        var access = await permissions.ForAsync(caller, cancellationToken);
        var result = await batcher.CommitAsync(
            (db, touched, ct) => ApplyContentAsync(db, touched, caller, access, path, hash, size, conditions, updateType, companion, modifiedAt, ct), cancellationToken);
        if (result.Succeeded)
        {
            // The content is committed: a client hanging up now must not keep the others from hearing of it.
            foreach (var observer in committed)
            {
                await observer.OnCommittedAsync(caller, result.Value, CancellationToken.None);
            }
        }

        return result;
    }

    /// <summary>
    /// One content write inside a batch's transaction (<see cref="CommitBatcher"/>), exactly as it would run alone:
    /// checked against what the batch's earlier writes left, refused before it changes anything.
    /// </summary>
    private async Task<Result<NodeInfo>> ApplyContentAsync(
        StrataDbContext db,
        ISet<NodePath> touched,
        Caller caller,
        AccessEvaluator access,
        NodePath path,
        string hash,
        long size,
        WriteConditions conditions,
        JournalEventType updateType,
        Func<Node, JournalEvent>? companion,
        DateTimeOffset? modifiedAt,
        CancellationToken cancellationToken)
    {
        var (parent, node) = await ResolveParentForWriteAsync(db, access, path, cancellationToken);
        if (!parent.Succeeded)
        {
            return parent.As<NodeInfo>();
        }

        var now = clock.GetUtcNow();
        if (((node is null ? RefuseUnportable<NodeInfo>(path) : null) ?? CheckOverwrite(path, node, conditions) ?? await CheckUnlockedAsync(db, caller, path, withMembers: false, cancellationToken)) is { } refused)
        {
            return refused;
        }

        var created = node is null;
        if (node is null)
        {
            node = Node.Create(path, parent.Value.Id, isFolder: false, caller.UserId, now);
            node.ContentType = ContentTypeOf(path.Name.Value);
            db.Nodes.Add(node);
        }

        node.VersionNumber++;
        node.ContentHash = hash;
        node.Size = size;
        node.ModifiedAt = modifiedAt ?? now;
        node.ModifiedBy = caller.UserId;
        if (created)
        {
            // The version and the event need the new node's id; inserted with its content, it needs no update after.
            await db.SaveChangesAsync(cancellationToken);
        }

        db.FileVersions.Add(new FileVersion { NodeId = node.Id, Number = node.VersionNumber, ContentHash = hash, Size = size, CreatedAt = now, CreatedBy = caller.UserId });
        await SaveWithEventAsync(db, created ? JournalEventType.FileCreated : updateType, node, caller.UserId, oldPath: null, cancellationToken, touched);
        if (companion is not null)
        {
            db.Journal.Add(companion(node));
            await db.SaveChangesAsync(cancellationToken);
        }

        var info = NodeInfo.From(node);
        return created ? Result<NodeInfo>.Created(info) : Result<NodeInfo>.Ok(info);
    }

    private static Result<NodeInfo>? CheckOverwrite(NodePath path, Node? existing, WriteConditions conditions)
    {
        if (existing is { IsFolder: true })
        {
            return Result<NodeInfo>.Fail(ResultStatus.Conflict, $"'{path}' is a folder.");
        }

        return conditions.RefuseWrite(path, existing);
    }

    // Every write resolves its target twice (before the body and at commit): compiled once, tracked for the commit's changes.
    private static readonly CompiledPerModel<Func<StrataDbContext, string, string, IAsyncEnumerable<Node>>> LiveNodeAndParent = new(() =>
        EF.CompileAsyncQuery((StrataDbContext db, string pathHash, string parentHash) =>
            db.Nodes.Where(n => (n.PathHash == pathHash || n.PathHash == parentHash) && n.TrashedAt == null)));

    /// <summary>
    /// Finds the live parent folder of <paramref name="path"/> and checks the caller may write into it; with it, the
    /// live node already at <paramref name="path"/>, if any (tracked: writers change it). One query reads both.
    /// </summary>
    private static async Task<(Result<Node> Parent, Node? Existing)> ResolveParentForWriteAsync(
        StrataDbContext db, AccessEvaluator access, NodePath path, CancellationToken cancellationToken)
    {
        if (path.Depth < 2)
        {
            return (Result<Node>.Fail(ResultStatus.Forbidden, $"'{path}' is a system folder."), null);
        }

        var parentPath = path.Parent;
        var found = await LiveNodeAndParent.For(db)(db, Node.HashKey(path.Key), Node.HashKey(parentPath.Key)).ToListAsync(cancellationToken);
        var parent = found.Find(n => n.PathKey == parentPath.Key);
        var existing = found.Find(n => n.PathKey == path.Key);
        var decision = access.Evaluate(parentPath, Operation.Write, exists: parent is not null);
        if (decision == AccessDecision.Hidden)
        {
            return (Result<Node>.Fail(ResultStatus.NotFound, $"The folder '{parentPath}' does not exist."), null);
        }

        if (!parent!.IsFolder)
        {
            return (Result<Node>.Fail(ResultStatus.Conflict, $"'{parentPath}' is a file, not a folder."), null);
        }

        if (Refusal(decision, parentPath, Operation.Write) is { } denied)
        {
            return (denied.As<Node>(), null);
        }

        // A name taken by an item the caller may not see is taken all the same; said as for any other name.
        return access.Evaluate(path, Operation.Read) == AccessDecision.Hidden
            ? (Conflict<Node>(path), null)
            : (Result<Node>.Ok(parent), existing);
    }

    /// <summary>
    /// The folder a new item at <paramref name="path"/> goes into: writable by the caller, the name free, and no other
    /// user's lock over the path.
    /// </summary>
    private async Task<Result<Node>> ResolveParentForNewAsync(
        StrataDbContext db, Caller caller, AccessEvaluator access, NodePath path, CancellationToken cancellationToken)
    {
        var (parent, existing) = await ResolveParentForWriteAsync(db, access, path, cancellationToken);
        if (!parent.Succeeded)
        {
            return parent;
        }

        if (existing is not null)
        {
            return Conflict<Node>(path);
        }

        return await CheckUnlockedAsync(db, caller, path, withMembers: false, cancellationToken) is { } locked ? locked.As<Node>() : parent;
    }

    /// <summary>Grants hang on folder paths, so moving, trashing or restoring a folder changes rights.</summary>
    internal void InvalidateIfFolder(Node node)
    {
        if (node.IsFolder)
        {
            permissions.Invalidate();
        }
    }

    /// <inheritdoc cref="InvalidateIfFolder"/>
    private Result<NodeInfo> InvalidatedIfFolder(Result<NodeInfo> changed)
    {
        if (changed.Succeeded && changed.Value.IsFolder)
        {
            permissions.Invalidate();
        }

        return changed;
    }

    internal static Result<NodeInfo>? Decide(AccessEvaluator access, NodePath path, Operation operation, string? createdBy = null) =>
        Refusal(access.Evaluate(path, operation, createdBy), path, operation);

    private static Result<NodeInfo>? Refusal(AccessDecision decision, NodePath path, Operation operation) => decision switch
    {
        AccessDecision.Allowed => null,
        AccessDecision.Hidden => NotFound<NodeInfo>(path),
        AccessDecision.Denied => Result<NodeInfo>.Fail(ResultStatus.Forbidden, $"You may not {Verb(operation)} '{path}'."),
        AccessDecision.HoldsProtected => Result<NodeInfo>.Fail(ResultStatus.Forbidden, $"You may not move or delete '{path}': it holds items you may not remove."),
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    private static string Verb(Operation operation) => operation switch
    {
        Operation.Read => "read",
        Operation.Write => "write into",
        Operation.Remove => "rename, move or delete",
        Operation.Rename => "rename",
        Operation.Manage => "manage the permissions of",
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    private static Result<T> NotFound<T>(NodePath path) => Result<T>.Fail(ResultStatus.NotFound, $"'{path}' does not exist.");

    private static Result<T> Conflict<T>(NodePath path) => Result<T>.Fail(ResultStatus.Conflict, $"An item named '{path.Name}' already exists in '{path.Parent}'.");

    private static string ContentTypeOf(string name) => ContentTypes.Of(name);

    private static Node CloneNode(Node original, NodePath path, long parentId, string actor, DateTimeOffset now)
    {
        var copy = Node.Create(path, parentId, original.IsFolder, actor, now);
        copy.ContentHash = original.ContentHash;
        copy.ContentType = original.ContentType;
        copy.Size = original.Size;
        copy.VersionNumber = original.IsFolder ? 0 : 1;
        return copy;
    }

    private static async Task RebaseDescendantsAsync(StrataDbContext db, Node folder, NodePath oldPath, NodePath newPath, long? trashRootId, CancellationToken cancellationToken)
    {
        if (!folder.IsFolder)
        {
            return;
        }

        var descendants = trashRootId is { } root
            ? db.Nodes.SubtreeByKey(folder.PathKey).Where(n => n.TrashRootId == root)
            : db.Nodes.LiveSubtree(folder);
        await foreach (var descendant in descendants.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            descendant.SetPath(NodePath.Parse(descendant.Path).Rebase(oldPath, newPath));
        }
    }

    /// <summary>Creates every missing folder of <paramref name="path"/>, returning the last one (tracked, possibly unsaved).</summary>
    internal async Task<Node> EnsureFolderChainAsync(StrataDbContext db, NodePath path, string? actor, CancellationToken cancellationToken)
    {
        Node? parent = null;
        var current = NodePath.Root;
        foreach (var segment in path.Segments)
        {
            current = current.Append(segment);
            var existing = await db.Nodes.FindLive(current).FirstOrDefaultAsync(cancellationToken);
            if (existing is null)
            {
                existing = Node.Create(current, parent?.Id, isFolder: true, actor, clock.GetUtcNow());
                db.Nodes.Add(existing);
                await SaveWithEventAsync(db, JournalEventType.FolderCreated, existing, actor, oldPath: null, cancellationToken);
            }

            parent = existing;
        }

        return parent ?? throw new ArgumentException("The root is not a folder node.", nameof(path));
    }

    /// <summary>
    /// Saves a change to the namespace with its journal event and gives the folders above it a new ETag; a batch
    /// passes <paramref name="touchLater"/> to collect the paths and touch their folders once for all its writes.
    /// </summary>
    internal async Task SaveWithEventAsync(
        StrataDbContext db, JournalEventType type, Node node, string? actor, string? oldPath, CancellationToken cancellationToken, ISet<NodePath>? touchLater = null)
    {
        if (node.Id == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        var change = JournalEvent.About(type, node, actor, clock.GetUtcNow());
        change.OldPath = oldPath;
        db.Journal.Add(change);
        await db.SaveChangesAsync(cancellationToken);
        if (touchLater is not null)
        {
            touchLater.UnionWith(FolderPropagation.ChangedPaths(type, node, oldPath));
        }
        else
        {
            await propagation.TouchAncestorsAsync(db, FolderPropagation.ChangedPaths(type, node, oldPath), cancellationToken);
        }
    }
}
