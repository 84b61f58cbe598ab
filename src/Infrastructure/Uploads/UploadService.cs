using System.Buffers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Uploads;

/// <summary>
/// Resumable uploads (the tus protocol's state machine). Bytes are appended to a part file, fsynced,
/// and only then counted in the database row, so the recorded offset never exceeds what is on disk;
/// the part file is cut back to the recorded offset before the next append. The last byte stages the
/// part file into the blob store and commits it through <see cref="FileService"/>, like a PUT; an upload
/// through an upload link instead always creates a new file (a "name (2)" sibling on a clash). The bytes
/// are hashed as they arrive (<see cref="PartFiles.HashForAppend"/>), so staging need not read the file
/// again unless that running hash was lost (a restart) or fell out of step with the recorded offset.
/// When blobs are in an object store, the bytes go there instead (<see cref="UploadSegments"/>), so that any host
/// can take the next PATCH; the part file then holds only what this PATCH received since its last segment.
/// </summary>
/// <remarks>
/// Why the row and not the file's length is the truth: after a crash a file's length can include
/// bytes that never reached the disk (a tail of zeros after power loss on delayed-allocation file
/// systems), while the row is written only after an fsync, so it is a lower bound on durable bytes
/// and HEAD can report it as is. The cost is re-sending what arrived after the last checkpoint.
/// </remarks>
public sealed partial class UploadService(
    IDbContextFactory<StrataDbContext> dbFactory,
    FileService files,
    PartFiles parts,
    IOptions<UploadOptions> options,
    TimeProvider clock,
    ILogger<UploadService> logger,
    UploadSegments? segments = null)
{
    private const int BufferSize = 1 << 20;

    public UploadOptions Options => options.Value;

    /// <summary>Checks the target like a PUT would (name, folder, rights) and opens an empty upload.</summary>
    public async Task<Result<PendingUpload>> CreateAsync(Uploader uploader, UploadTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploader);
        ArgumentNullException.ThrowIfNull(target);
        // A link's visitor uploads into the link's folder, whatever the request named.
        if (!NodePath.TryParse(uploader.Link?.Folder ?? target.Folder, out var folder, out var error) || !folder.TryAppend(target.FileName, out var path, out error))
        {
            return Result<PendingUpload>.Fail(ResultStatus.Invalid, error);
        }

        // Through a link the name only needs to be free once the upload completes; a clash then picks a sibling.
        var checkedPath = uploader.Link is null ? path : await files.AvailablePathAsync(path, cancellationToken);
        if (await files.CheckWritableAsync(uploader.Caller, checkedPath, WriteConditions.None, cancellationToken) is { } refused)
        {
            return refused.As<PendingUpload>();
        }

        var now = clock.GetUtcNow();
        var upload = new PendingUpload
        {
            Id = PartFiles.NewId(),
            OwnerId = uploader.Caller.UserId,
            LinkId = uploader.Link?.LinkId,
            UploaderName = uploader.Link?.Name,
            UploaderEmail = uploader.Link?.Email,
            Folder = folder.Value,
            FileName = path.Name.Value,
            Length = target.Length,
            Metadata = target.Metadata,
            CreatedAt = now,
            ExpiresAt = now + Options.Expiration,
        };

        // File first: a crash before the row is saved leaves an orphan the purge removes, never a row without its file.
        parts.Create(upload.Id);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Uploads.Add(upload);
        await db.SaveChangesAsync(cancellationToken);
        return Result<PendingUpload>.Created(upload);
    }

    /// <summary>The uploader's own live upload; someone else's, an expired or an unknown one are all simply not found.</summary>
    public async Task<PendingUpload?> FindAsync(Uploader uploader, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploader);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Live(db, uploader, id).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Appends <paramref name="body"/> at <paramref name="offset"/>. A client that drops keeps what arrived.
    /// When the upload is complete, commits the file; a failed commit keeps the upload for a later retry.
    /// </summary>
    public async Task<AppendResult> AppendAsync(Uploader uploader, string id, long offset, long? contentLength, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploader);
        ArgumentNullException.ThrowIfNull(body);
        if (!PartFiles.IsWellFormed(id))
        {
            return AppendResult.NotFound;
        }

        using var held = await parts.LockAsync(id, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var upload = await Live(db, uploader, id).FirstOrDefaultAsync(cancellationToken);
        if (upload is null)
        {
            return AppendResult.NotFound;
        }

        if (upload.Offset != offset)
        {
            return new AppendResult(AppendStatus.OffsetMismatch, upload.Offset, upload.ExpiresAt);
        }

        if (contentLength is { } declared && declared > upload.Length - offset)
        {
            return new AppendResult(AppendStatus.TooLarge, upload.Offset, upload.ExpiresAt);
        }

        var received = segments is null
            ? await ReceiveAsync(db, upload, body, cancellationToken)
            : await ReceiveIntoSegmentsAsync(db, upload, body, segments, cancellationToken);
        if (received != ReceiveOutcome.Complete)
        {
            return new AppendResult(received switch
            {
                ReceiveOutcome.Partial => AppendStatus.Appended,
                ReceiveOutcome.ClientGone => AppendStatus.ClientGone,
                ReceiveOutcome.TooLarge => AppendStatus.TooLarge,
                _ => AppendStatus.OffsetMismatch,
            }, upload.Offset, upload.ExpiresAt);
        }

        return await CompleteAsync(db, uploader.Caller, upload);
    }

    /// <summary>Cancels the uploader's upload (tus termination); false when there is none.</summary>
    public async Task<bool> TerminateAsync(Uploader uploader, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploader);
        if (!PartFiles.IsWellFormed(id))
        {
            return false;
        }

        using var held = await parts.LockAsync(id, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await Live(db, uploader, id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return false;
        }

        parts.Delete(id);
        parts.Forget(id);
        await DeleteSegmentsAsync(id);
        return true;
    }

    /// <summary>Deletes expired uploads with their part files, and part files no row owns; returns how many uploads went.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expired = await db.Uploads.Where(u => u.ExpiresAt <= now).Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var id in expired)
        {
            // Under the lock and re-checked: a PATCH that was running meanwhile may have extended the upload.
            using var held = await parts.LockAsync(id, cancellationToken);
            if (await db.Uploads.Where(u => u.Id == id && u.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken) == 1)
            {
                parts.Delete(id);
                parts.Forget(id);
                await DeleteSegmentsAsync(id);
            }
        }

        if (segments is not null)
        {
            await foreach (var orphan in segments.IdsAsync(now - Options.Expiration, cancellationToken))
            {
                if (!await db.Uploads.AnyAsync(u => u.Id == orphan, cancellationToken))
                {
                    await segments.DeleteAsync(orphan, cancellationToken);
                }
            }
        }

        foreach (var orphan in parts.StaleIds(now - Options.Expiration).ToList())
        {
            if (!await db.Uploads.AnyAsync(u => u.Id == orphan, cancellationToken))
            {
                parts.Delete(orphan);
            }
        }

        if (expired.Count > 0)
        {
            LogPurged(expired.Count);
        }

        return expired.Count;
    }

    /// <summary>A link's uploads belong to the link, not to its creator: neither can resume the other's.</summary>
    private IQueryable<PendingUpload> Live(StrataDbContext db, Uploader uploader, string id)
    {
        var now = clock.GetUtcNow();
        var live = db.Uploads.Where(u => u.Id == id && u.ExpiresAt > now);
        return uploader.Link is { } link
            ? live.Where(u => u.LinkId == link.LinkId)
            : live.Where(u => u.OwnerId == uploader.Caller.UserId && u.LinkId == null);
    }

    /// <summary>Streams the body into the part file, recording durable progress in <paramref name="upload"/>.</summary>
    private async Task<ReceiveOutcome> ReceiveAsync(StrataDbContext db, PendingUpload upload, Stream body, CancellationToken cancellationToken)
    {
        await using var file = parts.OpenForAppend(upload.Id, upload.Offset);
        if (file is null)
        {
            // The part file holds less than recorded (lost on disk): fall back to what it has; the client re-syncs by HEAD.
            upload.Offset = parts.LengthOf(upload.Id);
            await SaveProgressAsync(db, upload);
            return ReceiveOutcome.Lost;
        }

        var hash = parts.HashForAppend(upload.Id, upload.Offset);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        BackgroundFlush? flushing = null;
        try
        {
            ReceiveOutcome? end = null;
            var written = upload.Offset;
            while (end is null)
            {
                (var filled, end) = await ReadPieceAsync(body, buffer, upload.Length - written, cancellationToken);
                if (filled > 0)
                {
                    // Not the request's token: once read, bytes are kept even if the client is gone.
                    await file.WriteAsync(buffer.AsMemory(0, filled), CancellationToken.None);
                    hash?.Append(buffer.AsSpan(0, filled));
                    written += filled;
                    flushing = await CheckpointInBackgroundAsync(db, upload, file, flushing, written);
                }
            }

            if (flushing is not null)
            {
                await flushing.DurableOffsetAsync();
                flushing = null;
            }

            await CheckpointAsync(db, upload, file, written);

            return Finished(upload, end.Value);
        }
        finally
        {
            // Only when failing: never leave an fsync running on the handle about to be closed.
            if (flushing is not null)
            {
                await flushing.SettleAsync();
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The shared way of <see cref="ReceiveAsync"/>: the body goes to the part file as a scratch file and, every
    /// <see cref="UploadOptions.CheckpointBytes"/> and at its end, into the object store as a segment. A segment's end is
    /// recorded only if no other host moved the upload on meanwhile; if one did, the client re-syncs by HEAD.
    /// </summary>
    private async Task<ReceiveOutcome> ReceiveIntoSegmentsAsync(
        StrataDbContext db, PendingUpload upload, Stream body, UploadSegments store, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(parts.Folder);
        var scratch = parts.PathOf(upload.Id);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var file = new FileStream(scratch, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
            ReceiveOutcome? end = null;
            var written = upload.Offset;
            while (end is null)
            {
                (var filled, end) = await ReadPieceAsync(body, buffer, upload.Length - written, cancellationToken);
                await file.WriteAsync(buffer.AsMemory(0, filled), CancellationToken.None);
                written += filled;
                if (written > upload.Offset && (end is not null || written - upload.Offset >= Options.CheckpointBytes))
                {
                    await file.FlushAsync(CancellationToken.None);
                    await store.StoreAsync(upload.Id, upload.Offset, written, scratch, CancellationToken.None);
                    if (!await RecordUnlessMovedAsync(db, upload, written))
                    {
                        return ReceiveOutcome.Lost;
                    }

                    file.SetLength(0);
                }
            }

            return Finished(upload, end.Value);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Records a segment's end as the offset, when the offset is still where this PATCH found it.</summary>
    private async Task<bool> RecordUnlessMovedAsync(StrataDbContext db, PendingUpload upload, long durableOffset)
    {
        var expiresAt = clock.GetUtcNow() + Options.Expiration;
        var recorded = await db.Uploads
            .Where(u => u.Id == upload.Id && u.Offset == upload.Offset)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Offset, durableOffset).SetProperty(x => x.ExpiresAt, expiresAt), CancellationToken.None);
        if (recorded == 0)
        {
            return false;
        }

        // What the row now holds, as if read so: nothing left for a later SaveChanges to write.
        var entry = db.Entry(upload);
        entry.Property(u => u.Offset).OriginalValue = upload.Offset = durableOffset;
        entry.Property(u => u.ExpiresAt).OriginalValue = upload.ExpiresAt = expiresAt;
        return true;
    }

    /// <summary>
    /// Complete even when the client left after its last byte: a resuming client that sees offset == length by HEAD
    /// considers the upload done and will not send another PATCH.
    /// </summary>
    private static ReceiveOutcome Finished(PendingUpload upload, ReceiveOutcome end) =>
        end != ReceiveOutcome.TooLarge && upload.Offset == upload.Length ? ReceiveOutcome.Complete : end;

    /// <summary>
    /// The next piece of the body, at most <paramref name="remaining"/> bytes, and how the body ended if it did
    /// (<see cref="ReceiveOutcome.Partial"/> when it simply ended or reached the upload's length); bytes past the length
    /// are refused, not returned.
    /// </summary>
    private static async Task<(int Filled, ReceiveOutcome? End)> ReadPieceAsync(Stream body, byte[] buffer, long remaining, CancellationToken cancellationToken)
    {
        var room = (int)Math.Min(buffer.Length, remaining);

        // At the declared length, one more byte tells a client that sends too much from one that is done.
        var (filled, gone) = await FillAsync(body, buffer.AsMemory(0, Math.Max(room, 1)), cancellationToken);
        if (room == 0 && filled > 0)
        {
            return (0, ReceiveOutcome.TooLarge);
        }

        return gone ? (filled, ReceiveOutcome.ClientGone)
            : filled < room || room == 0 ? (filled, ReceiveOutcome.Partial)
            : (filled, null);
    }

    /// <summary>
    /// Reads until <paramref name="buffer"/> is full or the body ends, so the part file is written in large pieces
    /// (the server hands the body over a few KiB at a time). A client that leaves keeps what it had sent.
    /// </summary>
    private static async Task<(int Filled, bool ClientGone)> FillAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        try
        {
            while (filled < buffer.Length)
            {
                var read = await body.ReadAsync(buffer[filled..], cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            return (filled, false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            return (filled, true);
        }
    }

    /// <summary>
    /// The periodic checkpoint, overlapped with receiving so the socket is read while the disk flushes: once the
    /// fsync in flight is done, records the offset it made durable; when enough unrecorded bytes piled up and
    /// none is in flight, starts the next. Returns the fsync now in flight, if any.
    /// </summary>
    private async Task<BackgroundFlush?> CheckpointInBackgroundAsync(StrataDbContext db, PendingUpload upload, FileStream file, BackgroundFlush? flushing, long written)
    {
        if (flushing is { IsCompleted: true })
        {
            await RecordAsync(db, upload, await flushing.DurableOffsetAsync());
            flushing = null;
        }

        return flushing is null && written - upload.Offset >= Options.CheckpointBytes
            ? BackgroundFlush.Start(file, written)
            : flushing;
    }

    /// <summary>fsync, then record: the order that keeps the recorded offset at or below the durable bytes.</summary>
    private async Task CheckpointAsync(StrataDbContext db, PendingUpload upload, FileStream file, long written)
    {
        file.Flush(flushToDisk: true);
        await RecordAsync(db, upload, written);
    }

    /// <summary>Records <paramref name="durableOffset"/>, which an fsync that has returned must cover.</summary>
    private async Task RecordAsync(StrataDbContext db, PendingUpload upload, long durableOffset)
    {
        upload.Offset = durableOffset;
        upload.ExpiresAt = clock.GetUtcNow() + Options.Expiration;
        await SaveProgressAsync(db, upload);
    }

    /// <summary>Saves without the request's token: the client may be gone, and its bytes on disk count regardless.</summary>
    private static async Task SaveProgressAsync(StrataDbContext db, PendingUpload upload)
    {
        db.Uploads.Update(upload);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<AppendResult> CompleteAsync(StrataDbContext db, Caller caller, PendingUpload upload)
    {
        var path = NodePath.Parse(upload.Folder).Append(NodeName.Parse(upload.FileName));

        // Every byte has arrived: the commit runs to its end even if the client leaves, or the part file
        // (moved into the blob store's temp folder) would be lost with the upload still recorded as complete.
        // If the namespace commit fails after that move, the next PATCH finds the part file short and
        // resets the offset (a 409 the client resolves by HEAD), so nothing half-written is ever visible.
        var partFile = parts.PathOf(upload.Id);
        var knownSha256 = segments is null
            ? parts.FinishedHash(upload.Id, upload.Length)
            : await segments.AssembleAsync(upload.Id, upload.Length, partFile, CancellationToken.None);
        var result = upload.LinkId is { } linkId
            ? await files.CreateUniqueFileAsync(caller, path, partFile, knownSha256, node => LinkUploaded(linkId, upload, node), CancellationToken.None)
            : await files.WriteFileAsync(caller, path, partFile, knownSha256, WriteConditions.None, CancellationToken.None);
        if (!result.Succeeded)
        {
            return new AppendResult(AppendStatus.CommitFailed, upload.Offset, upload.ExpiresAt, Detail: result.Detail);
        }

        db.Uploads.Remove(upload);
        await db.SaveChangesAsync(CancellationToken.None);
        parts.Forget(upload.Id);
        await DeleteSegmentsAsync(upload.Id);
        return new AppendResult(AppendStatus.Completed, upload.Offset, upload.ExpiresAt, result.Value);
    }

    private Task DeleteSegmentsAsync(string id) => segments?.DeleteAsync(id, CancellationToken.None) ?? Task.CompletedTask;

    private JournalEvent LinkUploaded(long linkId, PendingUpload upload, Node file)
    {
        var details = new Dictionary<string, string>();
        if (upload.UploaderName is { } name)
        {
            details["uploader"] = name;
        }

        if (upload.UploaderEmail is { } email)
        {
            details["email"] = email;
        }

        return LinkEvents.For(JournalEventType.LinkUploaded, linkId, file, actor: null, clock.GetUtcNow(), details);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired uploads.")]
    private partial void LogPurged(int count);

    private enum ReceiveOutcome
    {
        Partial,
        Complete,
        ClientGone,
        TooLarge,
        Lost,
    }

    /// <summary>
    /// An fsync of a part file running on the thread pool while more bytes are written to it, and the offset it
    /// makes durable: the bytes written before it started, never those written meanwhile. (fsync and write on
    /// one file descriptor may run at once.) Those bytes then leave the page cache (<see cref="PageCache"/>).
    /// </summary>
    private sealed class BackgroundFlush
    {
        private readonly Task _fsync;
        private readonly long _durableOffset;

        private BackgroundFlush(Task fsync, long durableOffset)
        {
            _fsync = fsync;
            _durableOffset = durableOffset;
        }

        public bool IsCompleted => _fsync.IsCompleted;

        /// <summary>Starts making the first <paramref name="written"/> bytes of <paramref name="file"/> durable.</summary>
        public static BackgroundFlush Start(FileStream file, long written)
        {
            var handle = file.SafeFileHandle;
            return new BackgroundFlush(Task.Run(() => PageCache.FlushThenRelease(handle, written)), written);
        }

        /// <summary>Waits for the fsync, throwing if it failed, and returns the offset it made durable.</summary>
        public async Task<long> DurableOffsetAsync()
        {
            await _fsync;
            return _durableOffset;
        }

        /// <summary>Waits for the fsync, ignoring its outcome: for an append that is failing anyway.</summary>
        public async Task SettleAsync() => await _fsync.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}

/// <summary>What a client asks to upload: a name in a folder, and how many bytes.</summary>
public sealed record UploadTarget(string Folder, string FileName, long Length, string Metadata);

/// <summary>A visitor of an upload link: the link, its folder (where every file goes), and who they said they are.</summary>
public sealed record LinkUploader(long LinkId, string Folder, string? Name, string? Email);

/// <summary>
/// Who uploads: a signed-in user, or a visitor of an upload link, whose files are committed as the link's
/// creator (<see cref="Caller"/>, with that user's rights) and attributed to the link in the journal.
/// </summary>
public sealed record Uploader(Caller Caller, LinkUploader? Link = null);

public enum AppendStatus
{
    Appended,
    Completed,
    NotFound,
    OffsetMismatch,
    TooLarge,
    CommitFailed,
    ClientGone,
}

/// <summary>The outcome of a PATCH: the durable offset after it, and the committed file when it completed the upload.</summary>
public sealed record AppendResult(AppendStatus Status, long Offset, DateTimeOffset ExpiresAt, NodeInfo? File = null, string? Detail = null)
{
    public static readonly AppendResult NotFound = new(AppendStatus.NotFound, 0, default);
}
