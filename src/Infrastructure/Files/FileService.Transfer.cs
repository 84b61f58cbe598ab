using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Files;

/// <summary>What a move or copy does when the name is taken: the "keep both" and "replace" answers.</summary>
public sealed partial class FileService
{
    private const int MaxNameRaces = 5;

    /// <summary>
    /// <paramref name="desired"/> if free, else the first free "name (2).ext", "name (3).ext"… in the same folder
    /// (the "keep both" answer to a name conflict). Only names the caller could see are checked, which is every
    /// name in a folder they may write to.
    /// </summary>
    public async Task<NodePath> AvailablePathAsync(NodePath desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidate = desired;
        for (var n = 2; await db.Nodes.FindLive(candidate).AnyAsync(cancellationToken); n++)
        {
            candidate = desired.Name.TryWithSuffix($" ({n})", out var renamed)
                ? desired.Parent.Append(renamed)
                : throw new InvalidOperationException($"'{desired}' has no free name.");
        }

        return candidate;
    }

    /// <summary>
    /// Commits a finished upload as a new file named <paramref name="desired"/> or, when that name is taken, its
    /// first free "name (n)" sibling: never a new version of something that exists (a file request's visitor
    /// may add, not overwrite). <paramref name="companion"/> is journalled with the file's creation.
    /// <paramref name="knownSha256"/> is as for <see cref="WriteFileAsync"/>.
    /// </summary>
    public async Task<Result<NodeInfo>> CreateUniqueFileAsync(
        Caller caller, NodePath desired, string completedFile, string? knownSha256, Func<Node, JournalEvent> companion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var createOnly = new WriteConditions(IfMatch: null, IfNoneMatchAny: true);
        if (await CheckWritableAsync(caller, await AvailablePathAsync(desired, cancellationToken), createOnly, cancellationToken) is { } refused)
        {
            return refused;
        }

        var (hash, size) = await blobs.StoreFileAsync(completedFile, knownSha256, cancellationToken);

        // If-None-Match at commit closes the race with a writer taking the free name meanwhile: try the next one.
        for (var attempt = 0; ; attempt++)
        {
            var path = await AvailablePathAsync(desired, cancellationToken);
            var created = await CommitContentAsync(caller, path, hash, size, createOnly, JournalEventType.FileCreated, cancellationToken, companion);
            if (created.Status != ResultStatus.PreconditionFailed || attempt == MaxNameRaces)
            {
                return created;
            }
        }
    }

    /// <summary>
    /// The "replace" answer for files: the source's current content becomes a new version of the existing
    /// <paramref name="destination"/>, whose history is kept. With <paramref name="removeSource"/> (a move) the
    /// source then goes to the trash; that is a second step, so a failure there leaves a copy, never a loss.
    /// </summary>
    public async Task<Result<NodeInfo>> ReplaceContentAsync(
        Caller caller, NodePath source, NodePath destination, bool removeSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.Equals(destination))
        {
            return Result<NodeInfo>.Fail(ResultStatus.Conflict, "A file cannot replace itself.");
        }

        if (removeSource && Decide(await permissions.ForAsync(caller, cancellationToken), source, Operation.Remove, await CreatorOfAsync(source, cancellationToken)) is { } denied)
        {
            return denied;
        }

        var content = await GetContentAsync(caller, source, version: null, cancellationToken);
        if (!content.Succeeded)
        {
            return content.As<NodeInfo>();
        }

        var target = await GetFileAsync(caller, destination, cancellationToken);
        if (!target.Succeeded)
        {
            return target;
        }

        // A move keeps the file's modification time, as a rename on a disk does (and RFC 4918 §9.9.1 asks of live
        // properties; sync clients compare it); a copy is content written now.
        var (file, version) = content.Value;
        var replaced = await CommitContentAsync(
            caller, destination, version.ContentHash, version.Size, WriteConditions.None, JournalEventType.FileUpdated, cancellationToken, modifiedAt: removeSource ? file.ModifiedAt : null);
        if (!replaced.Succeeded || !removeSource)
        {
            return replaced;
        }

        var trashed = await TrashAsync(caller, source, WriteConditions.None, cancellationToken);
        return trashed.Succeeded ? replaced : trashed;
    }

    /// <summary>Who created the live node at <paramref name="path"/>: an Editor may remove only what they created.</summary>
    private async Task<string?> CreatorOfAsync(NodePath path, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Nodes.FindLive(path).Select(n => n.CreatedBy).FirstOrDefaultAsync(cancellationToken);
    }
}
